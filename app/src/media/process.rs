//! Checking and processing an uploaded image: the format is told by the content (only JPEG, PNG
//! and WebP), the decoder works within limits (no decompression bombs), the EXIF orientation is
//! applied, and every variant is encoded anew, so no metadata (EXIF, GPS, comments) survives.
//!
//! CPU-bound: call [`process`] inside `tokio::task::spawn_blocking`.

use super::types::{scaled_height, UploadProblem, MAX_UPLOAD_BYTES, VARIANT_WIDTHS};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// Neither side may be longer.
pub const MAX_SIDE: u32 = 12_000;
/// Nor may there be more pixels than this many million.
pub const MAX_MEGAPIXELS: u32 = 40;
/// The most the decoder may hold at once: a 40-megapixel image with 16-bit RGBA fits.
const MAX_DECODE_BYTES: u64 = 384 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

/// One encoded variant of an image.
#[derive(Clone, Debug)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// An accepted image: the SHA-256 of the uploaded bytes (hex), the size after orientation, and
/// its variants, narrowest first.
#[derive(Clone, Debug)]
pub struct Processed {
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    /// The upload's fault, with the reason to show.
    #[error("{0}")]
    Rejected(UploadProblem),
    /// Ours (an encoder failed): logged, never shown.
    #[error("image processing failed: {0}")]
    Internal(String),
}

impl From<UploadProblem> for ProcessError {
    fn from(problem: UploadProblem) -> Self {
        ProcessError::Rejected(problem)
    }
}

fn too_many_pixels() -> UploadProblem {
    UploadProblem::TooManyPixels {
        max_side: MAX_SIDE,
        max_megapixels: MAX_MEGAPIXELS,
    }
}

/// The format by the first bytes, if it is one we take; the cheap check, before any decoding.
pub fn check_format(input: &[u8]) -> Result<ImageFormat, UploadProblem> {
    if input.is_empty() {
        return Err(UploadProblem::MissingFile);
    }
    if input.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(UploadProblem::TooLarge {
            limit_bytes: MAX_UPLOAD_BYTES,
        });
    }
    match image::guess_format(input) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        _ => Err(UploadProblem::NotAnImage {
            looks_like: looks_like(input),
        }),
    }
}

/// What a file that is not one of our formats seems to be, by its first bytes.
fn looks_like(input: &[u8]) -> Option<String> {
    if let Ok(format) = image::guess_format(input) {
        return Some(format!("{format:?}").to_uppercase());
    }
    let name = if input.starts_with(b"%PDF") {
        "PDF"
    } else if input.starts_with(b"PK\x03\x04") {
        "ZIP"
    } else if input.get(4..8) == Some(b"ftyp") {
        match input.get(8..12) {
            Some(b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1") => "HEIC",
            _ => "MP4",
        }
    } else {
        let start = &input[..input.len().min(1024)];
        let text = match std::str::from_utf8(start) {
            Ok(text) => text,
            // Cut in the middle of a character: what came before it.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&start[..e.valid_up_to()]).unwrap_or_default()
            }
            Err(_) => return None,
        };
        let lower = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_lowercase();
        if lower.contains("<svg") {
            "SVG"
        } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            "HTML"
        } else if text.chars().all(|c| !c.is_control() || c.is_whitespace()) {
            "TXT"
        } else {
            return None;
        }
    };
    Some(name.to_string())
}

/// The widths to produce for an original `width` pixels wide: the standard ones it reaches, and
/// the original's own when it is narrower than the widest standard one.
pub fn variant_widths(width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = VARIANT_WIDTHS.into_iter().filter(|&w| w <= width).collect();
    let widest = VARIANT_WIDTHS[VARIANT_WIDTHS.len() - 1];
    if width < widest && !widths.contains(&width) {
        widths.push(width);
    }
    widths
}

/// Checks, decodes, orients, resizes and re-encodes an upload.
pub fn process(input: &[u8]) -> Result<Processed, ProcessError> {
    let format = check_format(input)?;
    let mut image = decode(input, format)?;
    let (width, height) = (image.width(), image.height());

    // Transparency that is really used makes PNG variants; everything else JPEG.
    let alpha = image.color().has_alpha() && {
        let rgba = image.into_rgba8();
        let used = rgba.pixels().any(|p| p.0[3] < u8::MAX);
        image = DynamicImage::ImageRgba8(rgba);
        used
    };
    let mut current = if alpha {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };

    // Widest first, each made from the one before: faster than resizing the original each time.
    let mut variants = Vec::new();
    for target in variant_widths(width).into_iter().rev() {
        if target != current.width() {
            let target_height = scaled_height(width, height, target);
            current = current.resize_exact(target, target_height, FilterType::Triangle);
        }
        variants.push(encode(&current, alpha).map_err(|e| ProcessError::Internal(e.to_string()))?);
    }
    variants.reverse();

    Ok(Processed {
        sha256: Sha256::digest(input)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        width,
        height,
        variants,
    })
}

/// Whether a JPEG reaches its end marker. The decoder fills in what a truncated file lacks
/// (grey), so an upload cut short would pass for an image. Marker segments are skipped by their
/// lengths up to the first scan (an EXIF thumbnail carries an end marker of its own); within the
/// scans a 0xFF byte is always escaped, so the first `FF D9` after them is the real end. Bytes
/// after it (a motion photo's video) do not matter.
fn jpeg_is_complete(input: &[u8]) -> bool {
    let mut at = 2;
    loop {
        let Some(&[0xFF, marker]) = input.get(at..at + 2) else {
            return false;
        };
        match marker {
            // Fill byte before a marker.
            0xFF => at += 1,
            // Start of scan: the entropy-coded data follows.
            0xDA => break,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 2,
            _ => {
                let Some(&[high, low]) = input.get(at + 2..at + 4) else {
                    return false;
                };
                at += 2 + usize::from(u16::from_be_bytes([high, low]));
            }
        }
    }
    input[at..].windows(2).any(|pair| pair == [0xFF, 0xD9])
}

/// The image, oriented as its EXIF says, or the reason it cannot be had.
fn decode(input: &[u8], format: ImageFormat) -> Result<DynamicImage, UploadProblem> {
    if format == ImageFormat::Jpeg && !jpeg_is_complete(input) {
        return Err(UploadProblem::Corrupt);
    }
    let failed = |error: ImageError| match error {
        ImageError::Limits(_) => too_many_pixels(),
        _ => UploadProblem::Corrupt,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(input), format);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(failed)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > u64::from(MAX_MEGAPIXELS) * 1_000_000
        || decoder.total_bytes() > MAX_DECODE_BYTES
    {
        return Err(too_many_pixels());
    }
    // Unreadable EXIF is no reason to refuse the picture: it is shown as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(failed)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn encode(image: &DynamicImage, alpha: bool) -> Result<Variant, ImageError> {
    let mut bytes = Vec::new();
    let content_type = if alpha {
        image.write_with_encoder(PngEncoder::new_with_quality(
            &mut bytes,
            CompressionType::Default,
            PngFilter::Adaptive,
        ))?;
        "image/png"
    } else {
        image.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))?;
        "image/jpeg"
    };
    Ok(Variant {
        width: image.width(),
        height: image.height(),
        content_type,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::testing;

    fn rejected(input: &[u8]) -> UploadProblem {
        match process(input) {
            Err(ProcessError::Rejected(problem)) => problem,
            Err(error) => panic!("expected a rejection, got {error}"),
            Ok(image) => panic!(
                "expected a rejection, got a {}×{} image",
                image.width, image.height
            ),
        }
    }

    fn decoded(variant: &Variant) -> DynamicImage {
        image::load_from_memory(&variant.bytes).expect("a variant decodes")
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn jpeg_png_and_webp_are_accepted() {
        let jpeg = process(&testing::jpeg(1200, 800)).unwrap();
        assert_eq!((jpeg.width, jpeg.height), (1200, 800));
        let widths: Vec<(u32, u32)> = jpeg.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(widths, vec![(480, 320), (960, 640), (1200, 800)]);
        for variant in &jpeg.variants {
            assert_eq!(variant.content_type, "image/jpeg");
            let image = decoded(variant);
            assert_eq!(
                (image.width(), image.height()),
                (variant.width, variant.height)
            );
        }
        assert_eq!(jpeg.sha256.len(), 64);

        let png = process(&testing::png_with_transparency(500, 300)).unwrap();
        assert!(
            png.variants.iter().all(|v| v.content_type == "image/png"),
            "transparency is kept"
        );
        assert!(decoded(&png.variants[0]).color().has_alpha());

        let webp = process(&testing::webp(700, 700)).unwrap();
        assert_eq!(webp.variants.len(), 2);
        assert!(
            webp.variants.iter().all(|v| v.content_type == "image/jpeg"),
            "opaque: JPEG"
        );
    }

    #[test]
    fn other_files_are_refused_by_their_content_whatever_their_name() {
        let not = |what: &str| UploadProblem::NotAnImage {
            looks_like: Some(what.to_string()),
        };
        assert_eq!(
            rejected(b"Just some notes, saved as photo.jpg\n"),
            not("TXT")
        );
        assert_eq!(rejected(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), not("GIF"));
        assert_eq!(
            rejected(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            not("PDF")
        );
        assert_eq!(rejected(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), not("HEIC"));
        assert_eq!(
            rejected(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            not("SVG")
        );
        assert_eq!(
            rejected(&[0x00, 0x9f, 0x92, 0x96, 0xff, 0x01]),
            UploadProblem::NotAnImage { looks_like: None }
        );
        assert_eq!(rejected(b""), UploadProblem::MissingFile);
        let mut huge = testing::jpeg(16, 16);
        huge.resize(MAX_UPLOAD_BYTES as usize + 1, 0);
        assert_eq!(
            rejected(&huge),
            UploadProblem::TooLarge {
                limit_bytes: MAX_UPLOAD_BYTES
            }
        );
    }

    #[test]
    fn damaged_files_and_decompression_bombs_are_refused() {
        let jpeg = testing::jpeg(640, 480);
        assert_eq!(
            rejected(&jpeg[..jpeg.len() / 3]),
            UploadProblem::Corrupt,
            "a truncated JPEG"
        );
        assert_eq!(
            rejected(&jpeg[..jpeg.len() - 2]),
            UploadProblem::Corrupt,
            "only its end marker missing"
        );
        // An end marker inside a metadata segment (a thumbnail's) is not the image's end.
        let mut thumbnail_end = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD8, 0xFF, 0xD9];
        thumbnail_end.extend_from_slice(&jpeg[2..jpeg.len() / 2]);
        assert_eq!(rejected(&thumbnail_end), UploadProblem::Corrupt);
        let mut motion_photo = jpeg.clone();
        motion_photo.extend_from_slice(b"\0\0\0\x18ftypmp42 a video follows the picture");
        assert!(
            process(&motion_photo).is_ok(),
            "bytes after the end marker do not matter"
        );
        let png = testing::png_with_transparency(64, 64);
        assert_eq!(
            rejected(&png[..png.len() - 40]),
            UploadProblem::Corrupt,
            "a truncated PNG"
        );
        assert_eq!(
            rejected(&jpeg[..4]),
            UploadProblem::Corrupt,
            "no more than the magic bytes"
        );
        // A PNG whose header claims 20000 × 20000 pixels: refused before anything is allocated.
        let bomb = testing::png_claiming(20_000, 20_000);
        assert_eq!(rejected(&bomb), too_many_pixels());
        let wide = testing::png_claiming(10_000, 10_000);
        assert_eq!(
            rejected(&wide),
            too_many_pixels(),
            "within the side limit, but 100 megapixels"
        );
    }

    #[test]
    fn exif_is_stripped_and_its_orientation_applied() {
        // Left half red, right half blue, 400 × 200; orientation 6 turns it a quarter clockwise.
        let input = testing::with_exif(&testing::halves(400, 200), 6);
        assert!(
            contains(&input, b"Exif\0\0") && contains(&input, b"GPS"),
            "the test input carries EXIF"
        );
        let out = process(&input).unwrap();
        assert_eq!(
            (out.width, out.height),
            (200, 400),
            "width and height swapped"
        );
        for variant in &out.variants {
            assert!(
                !contains(&variant.bytes, b"Exif"),
                "no EXIF in the {}-px variant",
                variant.width
            );
            assert!(!contains(&variant.bytes, b"GPS"));
        }
        let image = decoded(&out.variants[0]).into_rgb8();
        let (top, bottom) = (image.get_pixel(100, 10).0, image.get_pixel(100, 390).0);
        assert!(
            top[0] > 200 && top[2] < 60,
            "the left (red) half is now on top: {top:?}"
        );
        assert!(
            bottom[2] > 200 && bottom[0] < 60,
            "and the blue half below: {bottom:?}"
        );
    }

    #[test]
    fn variants_are_never_wider_than_the_original() {
        assert_eq!(variant_widths(300), vec![300]);
        assert_eq!(variant_widths(480), vec![480]);
        assert_eq!(variant_widths(960), vec![480, 960]);
        assert_eq!(variant_widths(1000), vec![480, 960, 1000]);
        assert_eq!(variant_widths(1600), vec![480, 960, 1600]);
        assert_eq!(variant_widths(5000), vec![480, 960, 1600]);
        let small = process(&testing::jpeg(200, 100)).unwrap();
        assert_eq!(small.variants.len(), 1);
        assert_eq!(
            (small.variants[0].width, small.variants[0].height),
            (200, 100)
        );
        let big = process(&testing::jpeg(2400, 1000)).unwrap();
        let sizes: Vec<(u32, u32)> = big.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(480, 200), (960, 400), (1600, 667)]);
    }
}
