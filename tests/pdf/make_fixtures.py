#!/usr/bin/python3
"""Makes the small PDFs that tests/pdf/*_test.cpp read, with their known facts.

Run with Debian's python3 (it has reportlab and PIL):
    /usr/bin/python3 tests/pdf/make_fixtures.py
The outputs are committed; rerunning gives equivalent files. Positions below are
in PDF user space (origin bottom-left); the tests expect them converted to
points with the origin at the page's top-left, y down.
"""
import io
import os
import zlib

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def photo_jpeg(path):
    """A 64x48 colour gradient saved as a baseline JPEG (embedded untouched)."""
    img = Image.new("RGB", (64, 48))
    img.putdata([(x * 4, y * 5, (x * y) % 256) for y in range(48) for x in range(64)])
    img.save(path, "JPEG", quality=90)


def pattern_png():
    """A 40x30 RGB pattern with sharp edges: lossless storage must keep every pixel."""
    img = Image.new("RGB", (40, 30))
    img.putdata([((x * 37) % 256, (y * 53) % 256, 255 if (x + y) % 3 == 0 else 0)
                 for y in range(30) for x in range(40)])
    return img


def cutout_rgba():
    """A 20x20 RGBA image: opaque red square in the middle, transparent border."""
    img = Image.new("RGBA", (20, 20), (0, 0, 255, 0))
    for y in range(5, 15):
        for x in range(5, 15):
            img.putpixel((x, y), (255, 0, 0, 255))
    return img


def make_images_pdf(jpeg_path, png_img, rgba_img):
    out = os.path.join(HERE, "images.pdf")
    c = canvas.Canvas(out, pagesize=(612, 792), pageCompression=1, invariant=1)
    c.setAuthor("collproc tests")
    # Page 1: the JPEG at x=100..300, y=500..650; the PNG at x=300..420, y=100..190.
    c.drawImage(jpeg_path, 100, 500, width=200, height=150)
    c.drawImage(ImageReader(png_img), 300, 100, width=120, height=90)
    c.showPage()
    # Page 2: the same JPEG again (same XObject) at x=50..110, y=700..740.
    c.drawImage(jpeg_path, 50, 700, width=60, height=40)
    c.showPage()
    # Page 3: /Rotate 90; reportlab writes MediaBox [0 0 792 612] so that the
    # page shows as 612x792. The JPEG at user x=100..300, y=300..450 shows at
    # top-left x=300..450, y=100..300.
    c.setPageRotation(90)
    c.drawImage(jpeg_path, 100, 300, width=200, height=150)
    c.showPage()
    c.setPageRotation(0)
    # Page 4: crop box [50 60 450 360] on a 500x400 media box; JPEG at x=150..250, y=160..210.
    c.setPageSize((500, 400))
    c.setCropBox((50, 60, 450, 360))
    c.drawImage(jpeg_path, 150, 160, width=100, height=50)
    c.showPage()
    c.setCropBox(None)
    # Page 5: a 200x200 JPEG placement clipped to the rectangle x=100..200, y=300..400,
    # plus one placed half off the page's right edge (x=550..650, y=100..200).
    c.setPageSize((612, 792))
    c.saveState()
    p = c.beginPath()
    p.rect(100, 300, 100, 100)
    c.clipPath(p, stroke=0, fill=0)
    c.drawImage(jpeg_path, 50, 250, width=200, height=200)
    c.restoreState()
    c.drawImage(jpeg_path, 550, 100, width=100, height=100)
    c.showPage()
    # Page 6: an RGBA image (soft mask) at x=10..110, y=10..110, and an inline
    # image of the PNG pattern at x=200..240, y=400..430.
    c.drawImage(ImageReader(rgba_img), 10, 10, width=100, height=100, mask="auto")
    c.drawInlineImage(png_img, 200, 400, width=40, height=30)
    c.showPage()
    c.save()


def raw_pdf(path, objects):
    """Writes objects (1-based, bytes each) as a PDF with a correct xref table."""
    buf = io.BytesIO()
    buf.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(buf.tell())
        buf.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = buf.tell()
    buf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        buf.write(b"%010d 00000 n \n" % off)
    buf.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def stream(dict_entries, data):
    return (b"<< " + dict_entries + b" /Length %d >>\nstream\n" % len(data) + data
            + b"\nendstream")


def make_raw_pdf():
    """Hand-written cases reportlab cannot make.

    Page 1: MediaBox [100 200 500 500] (origin not at 0,0); a 4x2 DeviceRGB
    image (object 5) at x=150..350, y=300..400, so top-left bbox 50,100,250,200.
    Page 2: a stencil mask (imagemask) at x=0..10, y=0..10, then an image that
    claims 20000x20000 pixels (must be skipped), then the 4x2 image again at
    x=10..20, y=280..290 (bbox 10,10,20,20 on a 300x300 page), then object 9,
    a copy of object 5, at x=30..40, y=280..290 (bbox 30,10,40,20).
    """
    pixels = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255,
                    0, 0, 0, 128, 128, 128, 10, 20, 30, 200, 100, 50])
    content1 = b"q 200 0 0 100 150 300 cm /Im0 Do Q"
    content2 = (b"q 10 0 0 10 0 0 cm BI /W 8 /H 2 /IM true /BPC 1 ID \xaa\x55 EI Q\n"
                b"q 100 0 0 100 100 100 cm /Big Do Q\n"
                b"q 10 0 0 10 10 280 cm /Im0 Do Q\n"
                b"q 10 0 0 10 30 280 cm /Im1 Do Q")
    huge = zlib.compress(b"\0" * 1000)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [100 200 500 500]"
        b" /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"", content1),
        stream(b"/Type /XObject /Subtype /Image /Width 4 /Height 2"
               b" /ColorSpace /DeviceRGB /BitsPerComponent 8", pixels),
        stream(b"/Type /XObject /Subtype /Image /Width 20000 /Height 20000"
               b" /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", huge),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300]"
        b" /Resources << /XObject << /Im0 5 0 R /Big 6 0 R /Im1 9 0 R >> >>"
        b" /Contents 8 0 R >>",
        stream(b"", content2),
        stream(b"/Type /XObject /Subtype /Image /Width 4 /Height 2"
               b" /ColorSpace /DeviceRGB /BitsPerComponent 8", pixels),
    ]
    raw_pdf(os.path.join(HERE, "handmade.pdf"), objects)


def make_text_pdf():
    out = os.path.join(HERE, "text.pdf")
    c = canvas.Canvas(out, pagesize=(612, 792), invariant=1)
    # Page 1: known words. Baselines at y=700 (12pt) and y=650 (18pt bold).
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Hello world Caf\u00e9")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, 650, "Style 1234")
    c.showPage()
    # Page 2: two columns of three lines each; the left column must come first.
    c.setFont("Helvetica", 11)
    left = ["Left one alpha", "Left two beta", "Left three gamma"]
    right = ["Right one delta", "Right two epsilon", "Right three zeta"]
    for i, text in enumerate(left):
        c.drawString(72, 700 - 14 * i, text)
    for i, text in enumerate(right):
        c.drawString(340, 700 - 14 * i, text)
    c.showPage()
    # Page 3: /Rotate 90 (MediaBox 792x612, shown as 612x792). "Rotated" on the
    # user baseline y=300 from x=100 reads top to bottom at top-left x~300, y=100.
    c.setPageRotation(90)
    c.setFont("Helvetica", 12)
    c.drawString(100, 300, "Rotated")
    c.showPage()
    c.save()


def make_encrypted_pdf():
    out = os.path.join(HERE, "encrypted.pdf")
    c = canvas.Canvas(out, pagesize=(612, 792), encrypt="secret", invariant=1)
    c.drawString(72, 700, "secret text")
    c.showPage()
    c.save()


def main():
    os.makedirs(HERE, exist_ok=True)
    jpeg_path = os.path.join(HERE, "photo.jpg")
    photo_jpeg(jpeg_path)
    png_img = pattern_png()
    png_img.save(os.path.join(HERE, "pattern.png"))
    make_images_pdf(jpeg_path, png_img, cutout_rgba())
    make_raw_pdf()
    make_text_pdf()
    make_encrypted_pdf()


if __name__ == "__main__":
    main()
