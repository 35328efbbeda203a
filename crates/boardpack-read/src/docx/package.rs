//! The DOCX package: a zip archive of XML parts, opened within the safety limits.
//!
//! What is checked here, before any XML is parsed:
//! - an OLE compound file (the wrapper Office uses for password-protected documents) is
//!   reported as encrypted, or as a legacy binary Word file;
//! - the archive must open, hold at most [`MAX_ZIP_ENTRIES`] entries, and declare at most
//!   [`MAX_UNCOMPRESSED_BYTES`] in all;
//! - the bytes actually inflated are counted against the same budget, because declared
//!   sizes can lie;
//! - entries encrypted with zip passwords are refused.
//!
//! Not for: interpreting the XML (see the sibling modules).

use crate::{MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, ReadError};
use std::io::{Cursor, Read};
use zip::ZipArchive;
use zip::result::ZipError;

/// The first bytes of an OLE compound file (CFB).
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) fn malformed(reason: impl Into<String>) -> ReadError {
    ReadError::Malformed {
        format: "DOCX",
        reason: reason.into(),
    }
}

/// An opened package with an inflation budget shared by every part read from it.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Package<'a> {
    /// Opens the archive and checks its entry count and declared sizes.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ReadError> {
        if bytes.starts_with(CFB_MAGIC) {
            return Err(cfb_error(bytes));
        }
        if bytes.len() < 22 {
            return Err(malformed("the archive is truncated"));
        }
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if zip.len() > MAX_ZIP_ENTRIES {
            return Err(ReadError::Limit(format!(
                "the archive has {} entries, over the limit of {MAX_ZIP_ENTRIES}",
                zip.len()
            )));
        }
        let mut declared: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(zip_error)?;
            declared = declared.saturating_add(entry.size());
        }
        if declared > MAX_UNCOMPRESSED_BYTES {
            return Err(ReadError::Limit(format!(
                "the archive declares {declared} bytes uncompressed, over the limit of \
                 {MAX_UNCOMPRESSED_BYTES}"
            )));
        }
        Ok(Package {
            zip,
            budget: MAX_UNCOMPRESSED_BYTES,
        })
    }

    /// Whether the archive has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads one part, or `None` if the archive has no such entry. The bytes inflated are
    /// taken from the package's budget; going over it is a [`ReadError::Limit`].
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let encrypted = self.zip.by_index_raw(index).map_err(zip_error)?.encrypted();
        if encrypted {
            return Err(ReadError::Encrypted("DOCX"));
        }
        let entry = self.zip.by_index(index).map_err(zip_error)?;
        if entry.size() > self.budget {
            return Err(over_budget());
        }
        let mut out = Vec::with_capacity(entry.size().min(self.budget).min(1 << 24) as usize);
        let read = entry
            .take(self.budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| malformed(format!("{name} cannot be inflated ({e})")))?;
        let read = read as u64;
        if read > self.budget {
            return Err(over_budget());
        }
        self.budget -= read;
        Ok(Some(out))
    }
}

fn over_budget() -> ReadError {
    ReadError::Limit(format!(
        "the archive inflates to more than {MAX_UNCOMPRESSED_BYTES} bytes"
    ))
}

fn zip_error(e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg.to_ascii_lowercase().contains("password") => {
            ReadError::Encrypted("DOCX")
        }
        ZipError::InvalidPassword => ReadError::Encrypted("DOCX"),
        e => malformed(format!("the zip archive is damaged ({e})")),
    }
}

/// An OLE compound file: Office wraps an encrypted document in one (with an
/// "EncryptedPackage" stream); otherwise it is a legacy binary Word (.doc) file.
fn cfb_error(bytes: &[u8]) -> ReadError {
    let utf16: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let info: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if has(&utf16) || has(&info) {
        ReadError::Encrypted("DOCX")
    } else {
        malformed("it is an OLE compound file (a legacy .doc), not an Office Open XML package")
    }
}
