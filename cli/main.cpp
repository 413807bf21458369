// collproc-engine: every command. The collproc program (front.cpp) runs
// `status` itself and hands everything else to this program with exec, so
// that a status check never loads Poppler, OpenCV or libcurl.

#include "cli/globals.hpp"
#include "core/util/limits.hpp"

int main(int argc, char** argv)
{
  using namespace collproc;
  using namespace collproc::cli;

  const auto app = make_app();
  Globals g;
  util::Limits limits;
  register_globals(*app, g, limits);
  Action action;
  register_add(*app, g, action);
  register_documents(*app, g, action);
  register_jobs(*app, g, action);
  register_show(*app, g, action);
  register_status(*app, g, action);
  register_history(*app, g, action);
  register_cancel(*app, g, action);
  register_export(*app, g, action);
  register_sync(*app, g, action);
  // Last: both read the commands registered above.
  register_help(*app, action);
  register_completion(*app, action);

  return parse_and_run(*app, limits, action, argc, argv);
}
