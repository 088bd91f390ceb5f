//! QR codes as PNG images: the modules drawn as one SVG path and rasterised like every other
//! document, so no second image stack is needed.

use qrcode::{Color, EcLevel, QrCode};

use super::render::{RenderError, svg_to_png};

/// Pixels per module; a phone camera reads this easily from a chat photo.
const MODULE_PIXELS: u32 = 8;
/// The white border the QR standard asks for, in modules.
const QUIET_ZONE: u32 = 4;

/// `text` as a QR code (error correction M, what Thai bank apps print) in a PNG image.
pub fn qr_png(text: &str) -> Result<Vec<u8>, RenderError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|error| RenderError::QrCode(error.to_string()))?;
    let modules = code.width() as u32;
    let side = (modules + 2 * QUIET_ZONE) * MODULE_PIXELS;
    let mut path = String::new();
    for (index, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let x = (index as u32 % modules + QUIET_ZONE) * MODULE_PIXELS;
            let y = (index as u32 / modules + QUIET_ZONE) * MODULE_PIXELS;
            path.push_str(&format!(
                "M{x} {y}h{MODULE_PIXELS}v{MODULE_PIXELS}h-{MODULE_PIXELS}z"
            ));
        }
    }
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    );
    svg_to_png(&svg, side, side)
}
