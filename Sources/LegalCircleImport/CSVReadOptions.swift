import Foundation
import LegalCircle

/// What a CSV column holds for the readers.
///
/// Each role is found by its canonical English name or a common Chinese name (`aliases`), ignoring
/// case, surrounding blanks and a trailing bracketed note such as `经度(WGS84)` or `人口（人）`; or by a
/// header the user maps to it with `role=Header` (`CSVReadOptions.columns`).
public enum CSVColumnRole: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case id, name, kind, level, lon, lat, county, population, zone

    /// Header names recognised without a mapping, lower-case.
    ///
    /// `x`/`y` are deliberately absent: in Chinese surveying practice (测量坐标系) X is the northing and
    /// Y the easting, the opposite of the GIS convention, so a bare X or Y column is ambiguous and must
    /// be mapped (`lon=X`, `lat=Y` or the reverse).
    public var aliases: [String] {
        switch self {
        case .id: ["id", "编号"]
        case .name: ["name", "名称", "站点名称", "机构名称"]
        case .kind: ["kind", "类型", "服务类型", "服务类别"]
        case .level: ["level", "层级", "级别"]
        case .lon: ["lon", "lng", "longitude", "经度"]
        case .lat: ["lat", "latitude", "纬度"]
        case .county: ["county", "区县", "县区", "区县代码", "县区代码"]
        case .population: ["population", "人口", "人数", "人口数", "常住人口"]
        case .zone: ["zone", "区域类型", "城乡类型"]
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses `role=Header` pairs, e.g. `["id=code", "lon=lon_wgs84", "lat=纬度"]`.
    ///
    /// The role is matched ignoring case; the header is everything after the first `=`, blanks trimmed,
    /// and is matched against the file's header ignoring case.
    /// - Throws: `CSVOptionError` for a pair without `=`, an unknown role, an empty header or a role given
    ///   twice.
    public static func mapping(_ pairs: [String]) throws(CSVOptionError) -> [CSVColumnRole: String] {
        var mapping: [CSVColumnRole: String] = [:]
        let roles = allCases.map(\.rawValue).joined(separator: ", ")
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "=") else {
                throw CSVOptionError("column mapping \"\(pair)\" is not ROLE=HEADER (e.g. lon=经度); roles: \(roles)")
            }
            let roleText = pair[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let header = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let role = CSVColumnRole(rawValue: roleText) else {
                throw CSVOptionError("column mapping \"\(pair)\": unknown role \"\(roleText)\"; roles: \(roles)")
            }
            guard !header.isEmpty else {
                throw CSVOptionError("column mapping \"\(pair)\": no header name after \"=\"")
            }
            if let previous = mapping[role] {
                throw CSVOptionError("column mapping: \(role) is mapped twice (to \"\(previous)\" and \"\(header)\")")
            }
            mapping[role] = header
        }
        return mapping
    }
}

/// A field separator.
public enum CSVDelimiter: String, CaseIterable, Sendable, Equatable, CustomStringConvertible {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"

    var byte: UInt8 { UInt8(ascii: rawValue.unicodeScalars.first!) }

    /// `","`, `";"` or `tab`.
    public var description: String { self == .tab ? "tab" : "\"\(rawValue)\"" }
}

/// An option value the user gave that the readers cannot use.
public struct CSVOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// How to read a CSV file: encoding, delimiter, column mapping and the kind of coordinates.
public struct CSVReadOptions: Sendable, Equatable {
    /// Which encoding to read the file in.
    public enum Encoding: String, CaseIterable, Sendable, Equatable {
        /// UTF-8 when the bytes are valid UTF-8 (with or without a BOM), otherwise GB18030.
        case auto
        case utf8
        /// GB18030, which also reads GBK and GB2312 files.
        case gb18030

        /// Parses `auto`, `utf8`/`utf-8`, or `gb18030`/`gbk`/`gb2312`/`cp936` (case-insensitive).
        public init?(argument: String) {
            switch argument.lowercased() {
            case "auto": self = .auto
            case "utf8", "utf-8": self = .utf8
            case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
            default: return nil
            }
        }
    }

    /// Which field separator to use.
    public enum Delimiter: Sendable, Equatable {
        /// Chosen from the header: whichever of `,` `;` tab splits it into the most fields and gives the
        /// same field count on the first data rows.
        case auto
        case fixed(CSVDelimiter)

        /// Parses `auto`, `,`/`comma`, `;`/`semicolon`, a tab character, `\t` or `tab`.
        public init?(argument: String) {
            switch argument.lowercased() {
            case "auto": self = .auto
            case ",", "comma": self = .fixed(.comma)
            case ";", "semicolon": self = .fixed(.semicolon)
            case "\t", "\\t", "tab": self = .fixed(.tab)
            default: return nil
            }
        }
    }

    public var encoding: Encoding
    public var delimiter: Delimiter
    /// Header names mapped to roles by the user (`CSVColumnRole.mapping(_:)` parses `role=Header`
    /// pairs); they take precedence over the built-in names. A header is matched ignoring case and
    /// surrounding blanks; roles the reader does not use (e.g. `population` for service points) are
    /// ignored, so one mapping can serve both readers.
    public var columns: [CSVColumnRole: String]
    /// The coordinates are metres in a projected CRS (e.g. EPSG:4549, CGCS2000 / 3-degree Gauss-Kruger
    /// CM 120E): before conversion they are only checked to be finite numbers, not degree ranges.
    public var coordinatesAreProjected: Bool
    /// Residences may lack a zone (no column, or an empty value) because zones come from polygons or
    /// from classification; such rows get a placeholder and `CSVReadResult.zoneGiven` says which.
    public var zoneIsOptional: Bool
    /// The sheet to read when the file is an .xlsx workbook (`--sheet`); nil for its first sheet.
    public var sheet: String?
    /// Counts the bytes read, for a progress bar. Not part of equality: it changes nothing read.
    public var progress: ProgressSink?
    /// The language of the reject reasons and error messages. Not part of equality: it changes only words.
    public var language: Language = .en

    public init(
        encoding: Encoding = .auto, delimiter: Delimiter = .auto, columns: [CSVColumnRole: String] = [:],
        coordinatesAreProjected: Bool = false, zoneIsOptional: Bool = false
    ) {
        self.zoneIsOptional = zoneIsOptional
        self.encoding = encoding
        self.delimiter = delimiter
        self.columns = columns
        self.coordinatesAreProjected = coordinatesAreProjected
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.encoding == rhs.encoding && lhs.delimiter == rhs.delimiter && lhs.columns == rhs.columns
            && lhs.coordinatesAreProjected == rhs.coordinatesAreProjected && lhs.zoneIsOptional == rhs.zoneIsOptional
            && lhs.sheet == rhs.sheet
    }
}
