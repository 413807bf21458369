// collproc: runs `status` itself, linked only against the state file's code,
// and execs collproc-engine (beside it, or in ../libexec/collproc/) for every
// other command with the same arguments, so the pid, signals and exit code
// are the engine's own. A status check thus starts in milliseconds instead of
// loading Poppler, OpenCV, GDAL and libcurl (about 140 shared libraries).

#include "cli/globals.hpp"
#include "core/util/limits.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace {

namespace fs = std::filesystem;

fs::path engine_path()
{
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path dir = ec ? fs::path(".") : self.parent_path();
  for (const fs::path& candidate :
       {dir / "collproc-engine", dir / ".." / "libexec" / "collproc" / "collproc-engine"}) {
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return dir / "collproc-engine";
}

} // namespace

int main(int argc, char** argv)
{
  using namespace collproc;
  using namespace collproc::cli;

  const auto app = make_app();
  Globals g;
  util::Limits limits;
  register_globals(*app, g, limits);
  Action action;
  register_status(*app, g, action);

  if (command_word(*app, argc, argv) != "status") {
    const fs::path engine = engine_path();
    ::execv(engine.c_str(), argv);
    print_error(fmt::format("cannot run {}: {}", engine.string(), std::strerror(errno)),
                "reinstall collproc: collproc-engine belongs beside collproc or in "
                "../libexec/collproc/");
    return static_cast<int>(ExitCode::job_failed);
  }
  return parse_and_run(*app, limits, action, argc, argv);
}
