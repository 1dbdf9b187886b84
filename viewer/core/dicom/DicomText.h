#pragma once

#include <string>

class DcmItem;

namespace lumen::core {

/// A DICOM string value without the spaces and NULs that pad it.
std::string trimDicomText(const std::string& value);

/// Converts every string in `data` from its SpecificCharacterSet to UTF-8, in place (DCMTK, with
/// the C library's iconv). Returns false when DCMTK cannot: then values are left as stored, to be
/// passed through decodeDicomText(). Logs a warning then (without the file's name or content,
/// which may identify the patient).
bool convertDicomTextToUtf8(DcmItem& data);

/// One value of a dataset that convertDicomTextToUtf8() could not convert, to UTF-8. Handles the
/// Japanese ISO 2022 sets that glibc's iconv lacks under DICOM's names (ISO 2022 IR 13, 87, 159,
/// switched by escape sequences); other values come back unchanged.
std::string decodeDicomText(const std::string& value);

/// A Person Name value for display: without the empty component groups at its end ("Wang^Xiao=").
std::string trimPersonName(const std::string& value);

}  // namespace lumen::core
