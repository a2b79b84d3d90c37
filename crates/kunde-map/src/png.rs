//! PNG rendering with resvg, using the font bundled in `fonts/` (a Latin subset of DejaVu
//! Sans Condensed, covering English, Danish, Swedish and Tagalog) and never the system's
//! fonts, so the picture looks the same on every server and in CI.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

const FONTS: [&[u8]; 2] = [
    include_bytes!("../fonts/DejaVuSansCondensed.ttf"),
    include_bytes!("../fonts/DejaVuSansCondensed-Bold.ttf"),
];

/// The largest picture rendered, in pixels per side (a bound on memory per request).
pub const MAX_SIDE: u32 = 8000;

#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the svg could not be read: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the picture is too large to render ({0} × {1} pixels)")]
    TooLarge(u32, u32),
    #[error("the png could not be encoded: {0}")]
    Encode(String),
}

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for font in FONTS {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family("DejaVu Sans Condensed");
        Arc::new(db)
    })
    .clone()
}

/// Renders `svg` to PNG bytes at `scale` (1.0 = one pixel per SVG unit) on white.
pub fn render_png(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        font_family: "DejaVu Sans Condensed".into(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(PngError::TooLarge(w, h));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::TooLarge(w, h))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a PNG's width and height from its IHDR chunk.
    fn dimensions(png: &[u8]) -> (u32, u32) {
        let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
        (be(16), be(20))
    }

    #[test]
    fn renders_a_png_of_the_scaled_size_with_the_text_drawn() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"><text x="10" y="50" font-size="30" font-family="'DejaVu Sans Condensed', sans-serif">Høj æble</text></svg>"#;
        let png = render_png(svg, 2.0).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(dimensions(&png), (400, 200));
        let blank = render_png(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"></svg>"#,
            2.0,
        )
        .unwrap();
        assert!(
            png.len() > blank.len() + 500,
            "the bundled font drew the text ({} vs {} bytes)",
            png.len(),
            blank.len()
        );
    }

    #[test]
    fn broken_svg_and_huge_pictures_are_errors() {
        assert!(matches!(render_png("<svg", 1.0), Err(PngError::Svg(_))));
        let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="10"></svg>"#;
        assert!(matches!(
            render_png(huge, 1.0),
            Err(PngError::TooLarge(9000, 10))
        ));
    }
}
