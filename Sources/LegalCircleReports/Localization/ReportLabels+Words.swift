import LegalCircle

/// Domain words and headings of the terminal tables (`table` and `markdown` formats) in both languages.
/// CSV and JSON keep their English field names in every language: scripts read them.
extension ReportLabels {
    /// The row of residences without a county (`OutputFormat.noCountyLabel` in English).
    public var noCountyRow: String { noCounty }

    /// A county code as a table cell: the code, or the no-county label when empty or missing.
    public func countyCell(_ code: String?) -> String {
        guard let code, !code.isEmpty else { return noCounty }
        return code
    }

    public func yesNo(_ value: Bool) -> String { value ? pick("是", "yes") : pick("否", "no") }

    /// Zone name as printed in tables: "urban" / "城区".
    public func zoneName(_ zone: Zone) -> String { self.zone(zone) }

    /// Level name as printed in tables: "township" / "乡镇（街道）".
    public func levelName(_ level: ServiceLevel) -> String { self.level(level) }

    /// Travel mode as printed in tables: "walk" / "步行".
    public func modeName(_ mode: TravelMode) -> String { self.mode(mode.rawValue) }

    /// One service kind: "legal_aid" / "法律援助".
    public func kindName(_ name: String) -> String {
        switch name {
        case "consultation": pick("法律咨询", name)
        case "legal_aid": pick("法律援助", name)
        case "mediation": pick("人民调解", name)
        case "notary": pick("公证", name)
        case "lawyer": pick("律师", name)
        case "forensic": pick("司法鉴定", name)
        case "arbitration": pick("仲裁", name)
        case "publicity": pick("法治宣传", name)
        default: name
        }
    }

    /// A kind list as printed in tables: "consultation;mediation" / "法律咨询、人民调解".
    public func kindList(_ kinds: ServiceKinds) -> String {
        language == .en ? kinds.list : ServiceKinds.names.filter { kinds.contains($0.kind) }.map { kindName($0.name) }.joined(separator: "、")
    }

    /// The kinds of a run: "any" / "全部", or the list.
    public func kindNames(_ names: [String], separator: String = ", ") -> String {
        names.count == ServiceKinds.names.count
            ? pick("全部", "any") : names.map(kindName).joined(separator: language == .zh ? "、" : separator)
    }

    /// "lon/lat in WGS84" / "经纬度（WGS84）": how a table's coordinates are given.
    public func axesIn(_ output: OutputCoordinates) -> String {
        pick(
            output.isProjected ? "坐标 x/y（\(output.name)，东向/北向，米）" : "经纬度（\(output.name)）",
            "\(output.axes) in \(output.label)")
    }

    /// The heading line of every table: in English exactly `RunDescription.summary`.
    public func tableSummary(_ run: RunDescription) -> String {
        guard language == .zh else { return run.summary }
        let zones = Zone.allCases.compactMap { zone -> String? in
            guard let radius = run.radiusMetres[zone.name] else { return nil }
            let mode = run.travelModes[zone.name].map { " " + self.mode($0) } ?? ""
            return "\(self.zone(zone)) \(TextTable.grouped(radius)) 米\(mode)"
        }
        let head = run.runID.map { "运行 \($0)：配置" } ?? "配置"
        let systems = run.inputSystems.isEmpty ? "" : "；输入坐标 " + systemsList(run)
        return "\(head) \(run.profileName)，\(OutputFormat.plainNumber(run.minutes)) 分钟；半径 \(zones.joined(separator: "，"))"
            + systems + travelClause(run)
    }

    /// The travel model of a run by network travel and its fallback residences (empty otherwise).
    func travelClause(_ run: RunDescription) -> String {
        guard language == .zh else { return run.travelClause }
        guard let model = run.travelModel else { return "" }
        let access = run.accessMaxMetres.map { " \(TextTable.grouped($0)) 米" } ?? ""
        return "；出行模型 \(model)（按路网）；\(TextTable.grouped(Double(run.fallbackResidences ?? 0))) 处住所距本方式道路超过\(access)，按直线估算"
    }

    /// The coordinate warnings as lines ("warning: …" / "警告：…").
    public func warningLines(_ run: RunDescription) -> [String] {
        language == .en ? run.warningLines : run.coordinateWarnings.map { "警告：\($0)" }
    }

    /// The input systems in this language: "服务点 GCJ-02，住所 WGS84" / "points GCJ-02, residences WGS84".
    func systemsList(_ run: RunDescription) -> String {
        guard language == .zh else { return run.systemsList }
        let words = ["points": "服务点", "residences": "住所", "boundaries": "边界", "candidates": "候选点", "added points": "新增服务点"]
        let order = ["points", "residences", "boundaries"]
        let keys = order.filter { run.inputSystems[$0] != nil } + run.inputSystems.keys.filter { !order.contains($0) }.sorted()
        return keys.map { key in
            let system = run.inputSystems[key]!
            return "\(words[key] ?? key) \(system == "unknown (dataset reloaded since)" ? "未知（数据集此后重新导入）" : system)"
        }.joined(separator: "，")
    }

    /// "minutes" etc. as a table unit: "m" / "米".
    public var metresUnit: String { pick("米", "m") }
}

extension ReportLabels {
    /// The level of a village table: "county" / "区县", "township" / "乡镇（街道）".
    public func villageLevel(_ level: VillageCoverage.Level) -> String {
        switch level {
        case .county: pick("区县", level.rawValue)
        case .township: pick("乡镇（街道）", level.rawValue)
        }
    }
}
