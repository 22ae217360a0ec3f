import LegalCircle

extension RejectedRow {
    /// `locatedReason` in a language: `第 17 行，lat 列："31.x" 不是数字`. The reason itself is worded as
    /// the reader was told (`CSVReadOptions.language`).
    public func locatedReason(_ language: Language) -> String {
        guard language == .zh else { return locatedReason }
        if let column { return "第 \(line) 行，\(column) 列：\(reason)" }
        return "第 \(line) 行：\(reason)"
    }

    /// `description` in a language: `residences.csv 第 17 行，lat 列：…`.
    public func description(_ language: Language) -> String {
        guard language == .zh else { return description }
        return "\(file) \(locatedReason(language))"
    }
}

extension CSVImportError {
    /// `description` in a language. The system's messages and hints are worded as the reader was told.
    public func description(_ language: Language) -> String {
        guard language == .zh else { return description }
        guard let hint else { return chineseProblem }
        return chineseProblem + "\n  " + hint
    }

    private var chineseProblem: String {
        switch problem {
        case .unreadable(let message):
            return "\(file)：无法读取：\(message)"
        case .empty:
            return "\(file)：文件是空的"
        case .headerOnly:
            return "\(file)：文件只有表头，没有数据行"
        case .binary(let what):
            return "\(file)：不是 CSV 文本文件：\(what)"
        case .missingColumns(let missing, let expected, let found):
            return "\(file) 第 1 行：缺少必需的列 \(missing.joined(separator: "、"))；表头应类似"
                + "“\(expected.joined(separator: ","))”，实际为“\(found.joined(separator: ",").prefix(200))”"
        case .duplicateColumn(let name):
            return "\(file) 第 1 行：表头中 \(name) 列出现了不止一次"
        case .ambiguousColumns(let role, let headers):
            return "\(file) 第 1 行：\(headers.map { "“\($0)”" }.joined(separator: "和"))都像是 \(role) 列；"
                + "请用 --column \(role)=列名 指定其中一个"
        case .mappedColumnNotFound(let role, let header, let found):
            return "\(file) 第 1 行：没有“\(header)”列（指定为 \(role)）；表头为“\(found.joined(separator: ",").prefix(200))”"
        case .transcodingFailed(let message):
            return "\(file)：无法转换文本编码：\(message)"
        case .malformedHeader(let reason):
            return "\(file) 第 1 行：表头格式错误：\(reason)"
        case .lineTooLong(let line, let length):
            return "\(file) 第 \(line) 行：该行长 \(Self.size(length))，超过一行允许的 \(Self.size(CSVInput.maximumLineBytes))；"
                + "这不是服务点或住所表（引号没有闭合？文件选错了？）"
        case .fieldTooLong(let line, let field, let length):
            return "\(file) 第 \(line) 行第 \(field) 个字段：长 \(Self.size(length))，超过一个字段允许的 "
                + "\(Self.size(CSVInput.maximumFieldBytes))；编号或名称不会这么长（引号没有闭合？文件选错了？）"
        case .mixedEncodings(let utf8Line, let otherLine):
            return "\(file) 第 \(utf8Line) 行：这一行是 UTF-8 文本，而文件是 GB18030（如第 \(otherLine) 行）；"
                + "文件混用了两种编码，其中一种会读成乱码：请把整个文件存为同一种编码（Excel 中的“CSV UTF-8”），"
                + "或用 --encoding utf8|gb18030 指定"
        case .rejectedRows(let first, let total):
            var lines = ["\(file)：\(total) 行被拒绝，未导入任何数据："]
            lines += first.map { "  \($0.description(.zh))" }
            if total > first.count { lines.append("  … 另有 \(total - first.count) 行") }
            return lines.joined(separator: "\n")
        }
    }
}
