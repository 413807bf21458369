<?php
// Product catalog with FPDF (Debian php-fpdf), laid out the way the public
// FPDF catalog script lbirir/Winsor-Meats-Online-Shop pdf.php does it, which
// itself builds on FPDF's tutorial 1 (header logo + boxed title, footer
// "Page n/{nb}"): one product per band, the photo 30 mm wide at x = 20 mm,
// label/value lines starting 50 mm right of the margin (here the photo is
// 40 mm wide at x = 15 mm so that it is taller than the text beside it), products in name order,
// a new page when the next photo would not end above 277 mm.
//
// Usage: php catalog.php data.json image_dir logo.png out.pdf
require('/usr/share/php/fpdf/fpdf.php');

$data = json_decode(file_get_contents($argv[1]), true);
$imgdir = $argv[2];
$logo = $argv[3];
$out = $argv[4];

function w1252($s) { return iconv('UTF-8', 'windows-1252//TRANSLIT', $s); }
function usd($v) { return '$ ' . number_format($v, 2, '.', ','); }

class PDF extends FPDF
{
    public $logo;
    public $brand;
    public $doctitle;

    // Page header
    function Header()
    {
        $this->Image($this->logo, 10, 8, 33);        // Logo
        $this->SetFont('Arial', 'B', 15);
        $this->Cell(80);                              // Move to the right
        $this->Cell(60, 10, w1252($this->doctitle), 1, 0, 'C');  // Title in a box
        $this->SetFont('Arial', '', 8);
        $this->SetXY(150, 10);
        $this->MultiCell(50, 3.5, w1252($this->brand . "\n1180 Mateo Street, Los Angeles CA\norders@coastlinesupply.com"), 0, 'R');
        $this->Ln(20 - 10.5);
    }

    // Page footer
    function Footer()
    {
        $this->SetY(-15);
        $this->SetFont('Arial', 'I', 8);
        $this->Cell(0, 10, 'Page ' . $this->PageNo() . '/{nb}', 0, 0, 'C');
    }

    // Fixed creation date so that reruns give the same bytes.
    protected function _putinfo()
    {
        $this->metadata['Producer'] = 'FPDF ' . FPDF_VERSION;
        $this->metadata['CreationDate'] = 'D:20260112093000';
        foreach ($this->metadata as $key => $value)
            $this->_put('/' . $key . ' ' . $this->_textstring($value));
    }
}

$products = $data['products'];
usort($products, function ($a, $b) { return strcmp($a['name'], $b['name']); });  // ORDER BY ProdName

$pdf = new PDF();
$pdf->logo = $logo;
$pdf->brand = $data['brand'];
$pdf->doctitle = $data['title'];
$pdf->SetTitle(w1252($data['brand'] . ' ' . $data['title'] . ' ' . $data['season']));
$pdf->SetAuthor(w1252($data['brand']));
$pdf->AliasNbPages();
$pdf->AddPage();

// A short preamble under the first header.
$pdf->SetFont('Arial', 'B', 11);
$pdf->Cell(0, 6, w1252($data['season'] . ' - all prices in US dollars, FOB Los Angeles'), 0, 1, 'L');
$pdf->SetFont('Arial', '', 8);
$pdf->Cell(0, 4, w1252('Minimum order USD 1,500.00. Payment net 30 days. Retail = suggested retail price.'), 0, 1, 'L');

$offset = 50;          // text starts this far right of the left margin
$img_offset = 15;
$img_width = 40;
$start_row_init = 40;
$first_row = 52;
$line_height = 6;
$spacing = 6;
$start_row = $first_row;

foreach ($products as $p) {
    $file = $imgdir . '/' . str_replace('/', '-', $p['ref']) . '.jpg';
    list($width, $height) = getimagesize($file);
    $img_height = $img_width * $height / $width;

    // move to next page if image does not fit
    if ($start_row + $img_height >= 297 - 20) {
        $start_row = $start_row_init;
        $pdf->AddPage();
    }
    $pdf->SetY($start_row);
    $pdf->Image($file, $img_offset, $start_row, $img_width);

    $pdf->SetFont('Arial', 'B', 11);
    $pdf->Cell($offset);
    $pdf->MultiCell(100, $line_height + 1, w1252('Name: ' . $p['name']), 0, 'L');
    $pdf->SetFont('Arial', '', 10);
    $pdf->Cell($offset);
    $pdf->Cell(0, $line_height, w1252('Ref.: ' . $p['ref']), 0, 1);
    $pdf->Cell($offset);
    $pdf->Cell(0, $line_height, w1252('Category: ' . $p['category']), 0, 1);
    $pdf->Cell($offset);
    $pdf->SetFont('Arial', 'I', 9);
    $pdf->MultiCell(95, $line_height - 1, w1252('Description: ' . $p['desc']), 0, 'L');
    $pdf->SetFont('Arial', '', 10);
    $pdf->Cell($offset);
    $pdf->Cell(0, $line_height, w1252('Colour: ' . $p['colour']), 0, 1);
    $pdf->Cell($offset);
    $pdf->Cell(0, $line_height, w1252('Size: ' . $p['size']), 0, 1);
    $pdf->Cell($offset);
    $pdf->SetFont('Arial', 'B', 10);
    $pdf->Cell(45, $line_height, w1252('Price: ' . usd($p['whs'])), 0, 0);
    $pdf->SetFont('Arial', '', 10);
    $pdf->Cell(0, $line_height, w1252('Retail: USD ' . number_format($p['rrp'], 2, '.', ',')), 0, 1);

    $current_row = $pdf->GetY();
    // choose greatest
    if ($current_row > $start_row + $img_height)
        $start_row = $current_row;
    else
        $start_row = $start_row + $img_height;
    // add spacing between rows
    $start_row = $start_row + $spacing;
}

$pdf->Output('F', $out);
