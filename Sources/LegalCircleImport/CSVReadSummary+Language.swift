import LegalCircle

extension CSVReadSummary {
    /// `lines()` in a language. The reasons of the example rows are worded as the reader was told (`CSVReadOptions.language`).
    public func lines(_ language: Language) -> [String] {
        guard language == .zh else { return lines() }
        var lines = ["文件：\(file)"]
        var encodingText = "\(encoding)（\(encodingWasForced ? "指定" : "自动识别")）"
        if isASCII { encodingText += "；纯 ASCII，任何编码读法都相同" }
        lines.append("编码：\(encodingText)")
        lines.append("分隔符：\(delimiter)（\(delimiterWasForced ? "指定" : "自动识别")）")
        let mapped = columns.map { "\($0.role) ← \($0.header)\($0.mappedByUser ? "（指定）" : "")" }
        lines.append("列：" + (mapped.isEmpty ? "无" : mapped.joined(separator: "，")))
        if coordinatesAreProjected { lines.append("坐标：投影坐标（米），范围检查在转换后进行") }
        lines.append("行数：读取 \(rowsRead)，接受 \(rowsAccepted)，拒绝 \(rowsRejected)")
        if !rejectGroups.isEmpty {
            lines.append("拒绝的行，按原因：")
            for group in rejectGroups {
                lines.append("  \(group.category.title(language))：\(group.count)")
                for example in group.examples { lines.append("    \(example.locatedReason(language))") }
                if group.count > group.examples.count { lines.append("    … 另有 \(group.count - group.examples.count) 行") }
            }
        }
        for warning in warnings { lines.append("警告：\(warning)") }
        return lines
    }
}

extension CSVRejectCategory {
    /// `title` in a language.
    public func title(_ language: Language) -> String {
        guard language == .zh else { return title }
        switch self {
        case .malformedQuotes: return "引号格式错误"
        case .wrongFieldCount: return "字段数不对"
        case .invalidText: return "文本不符合文件编码"
        case .missingID: return "缺少编号"
        case .duplicateID: return "编号重复"
        case .missingCoordinate: return "缺少坐标"
        case .nonNumericCoordinate: return "坐标不是数字"
        case .coordinateOutOfRange: return "坐标超出范围"
        case .swappedCoordinates: return "经纬度颠倒"
        case .outsideChina: return "在中国境外"
        case .farFromOtherPoints: return "远离其他点"
        case .unconvertibleCoordinate: return "坐标无法转换为 WGS84"
        case .negativePopulation: return "人口为负数"
        case .nonNumericPopulation: return "人口不是数字"
        case .unknownKind: return "未知服务类型"
        case .unknownLevel: return "未知层级"
        case .unknownZone: return "未知区域类型"
        case .invalidCountyCode: return "区县代码无效"
        default: return title
        }
    }
}
