import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle load`: imports CSV files into the working database.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import service points and/or residences from CSV into the working database.",
        discussion: """
            Files may be UTF-8 or GB18030 (Excel), with English or Chinese headers, in WGS84, CGCS2000, GCJ-02,
            BD-09 or any EPSG coordinate system: --points-crs, --residences-crs, --boundaries-crs and --zones-crs
            give each file's, --crs every file without its own; coordinates are stored in WGS84 and the source
            system is recorded. With county boundaries (given or loaded) each CSV is checked: when another
            system fits its county codes (or land and sea) significantly better, load says so with the counts and
            the option to use (--strict: it is an error and nothing is loaded). A file whose dataset
            name is already loaded replaces it in one transaction; with --append the rows are added to the
            dataset instead (ids must stay unique). By default any bad row aborts the import and the database
            keeps its previous state; with --skip-bad-rows the good rows land and every rejected row is
            written, unchanged and with its reason, to a rejects CSV.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(name: .customLong("zones-crs"), help: "Coordinate system of the --zones GeoJSON (overrides --crs).")
    var zonesCRS: String?

    @Option(help: "Service points CSV (id,name,kind,level,lon,lat,county).")
    var points: String?

    @Option(help: "Residences CSV (id,lon,lat,population,county,zone).")
    var residences: String?

    @Option(help: "County boundaries GeoJSON (Polygon/MultiPolygon features): stored, used to fill empty counties and to find islands.")
    var boundaries: String?

    @Option(name: .customLong("code-field"), help: "Boundary property holding the 6-digit county code (default: adcode, then code).")
    var codeField: String?

    @Option(name: .customLong("name-field"), help: "Boundary property holding the county name (default: name).")
    var nameField: String?

    @Option(help: "Zone polygons GeoJSON with a `zone` property (urban, rural, mountain, island or 城区, 乡村, 山区, 海岛) for residences whose file gives no zone.")
    var zones: String?

    @Option(name: .customLong("default-zone"), help: "Zone of residences outside every zone polygon (with --zones).")
    var defaultZone: String = "rural"

    @Flag(name: .customLong("classify-zones"), help: "Classify residences without a zone by population density (Degree of Urbanisation grid method; thresholds in the profile).")
    var classifyZones = false

    @Option(help: "Profile whose fixed links and zone thresholds apply (with --classify-zones or --boundaries).")
    var profile: String = "default"

    @Option(help: "Dataset name (default: the file name without extension; with --append, the latest loaded dataset).")
    var name: String?

    @Flag(help: "Add the rows to the dataset (--name, or the latest loaded of its kind) instead of replacing it; runs computed before stay readable and become stale.")
    var append = false

    @Flag(name: .customLong("skip-bad-rows"), help: "Load the good rows and write the rejected ones to a rejects CSV.")
    var skipBadRows = false

    @Option(help: "Where to write rejected rows (default: NAME.rejects.csv next to the input). Only with one input file.")
    var rejects: String?

    func validate() throws {
        if points == nil, residences == nil, boundaries == nil {
            throw ValidationError("give --points FILE, --residences FILE and/or --boundaries FILE")
        }
        if rejects != nil, !skipBadRows { throw ValidationError("--rejects goes with --skip-bad-rows") }
        if Zone(name: defaultZone) == nil { throw ValidationError("--default-zone must be urban, rural, mountain or island") }
        if zones != nil, classifyZones { throw ValidationError("use either --zones or --classify-zones") }
        if (zones != nil || classifyZones), residences == nil {
            throw ValidationError("--zones and --classify-zones apply to --residences")
        }
        if append, points == nil, residences == nil {
            throw ValidationError("--append adds the rows of --points FILE and/or --residences FILE to a loaded dataset")
        }
        if append, classifyZones {
            throw ValidationError("--classify-zones classifies by the density of all residences; it cannot run on appended rows alone (use --zones, or give the zone in the file)")
        }
        if rejects != nil, points != nil, residences != nil {
            throw ValidationError("--rejects names one file; load one input at a time to use it")
        }
        try csv.requireFiles(
            [(.points, systems.points, points, "--points"), (.residences, systems.residences, residences, "--residences"),
                (.boundaries, systems.boundaries, boundaries, "--boundaries"), (.zones, zonesCRS, zones, "--zones")],
            readsFiles: true)
    }

    func run() throws {
        var request = LoadRequest()
        request.points = points
        request.residences = residences
        request.boundaries = boundaries
        request.codeField = codeField
        request.nameField = nameField
        request.zones = zones
        request.defaultZone = Zone(name: defaultZone) ?? .rural
        request.classifyZones = classifyZones
        request.profile = profile
        request.name = name
        request.append = append
        request.skipBadRows = skipBadRows
        request.rejects = rejects
        var own = systems.own
        own[.zones] = zonesCRS
        request.csv = csv.settings(own)
        try emit(try store.session(.create).load(request).joined(separator: "\n"), to: nil)
    }
}
