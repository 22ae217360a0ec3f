import LegalCircle

extension StoreError {
    /// `description` in a language: the errors a planner meets in the ordinary workflow (no data loaded,
    /// no such run or dataset, no database at the --db path) are in Chinese; the rare ones (a corrupt or
    /// foreign database, SQLite failures) stay as `description` words them.
    public func description(_ language: Language) -> String {
        guard language == .zh else { return description }
        switch self {
        case let .noDataset(kind, file):
            return "\(file) 中还没有导入\(kind.chineseLabel)；请先运行 `legalcircle load \(kind.loadOption) FILE`"
        case let .unknownDataset(name, kind, file, loaded):
            return "\(file) 中没有名为“\(name)”的\(kind.chineseLabel)数据集；"
                + (loaded.isEmpty
                    ? "尚未导入任何数据集，请先运行 `legalcircle load \(kind.loadOption) FILE`"
                    : "已导入：" + loaded.map { "“\($0)”" }.joined(separator: "、"))
        case let .unknownRun(id, file):
            return "\(file) 中没有运行 \(id)；`legalcircle runs` 列出已有的运行"
        case let .duplicateID(id, kind, first, second):
            return "\(kind.chineseLabel)编号“\(id)”出现了两次（第 \(first + 1) 行和第 \(second + 1) 行）；编号必须唯一"
        case let .idAlreadyInDataset(id, kind, dataset, row):
            return "\(kind.chineseLabel)编号“\(id)”（追加的第 \(row + 1) 行）已在数据集“\(dataset)”中；编号必须唯一"
        case let .missingDatabase(path):
            return "\(path)（--db）处没有数据库；读取已存数据的命令不会新建数据库：请先导入数据"
                + "（`legalcircle load --points FILE --residences FILE --db \(path)`），或用 --db 给出已有的数据库"
        case let .emptyDatabase(path):
            return "\(path)（--db）中还没有 legalcircle 数据；请先用 `legalcircle load --db \(path)` 导入数据"
        default:
            return description
        }
    }
}

extension DatasetKind {
    /// `label` in Chinese.
    var chineseLabel: String { self == .points ? "服务点" : "住所" }
}
