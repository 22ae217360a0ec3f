/// Checks a JSON value against a schema of the service's OpenAPI 3.1 document: `$ref` to components,
/// `type` (one or a list), `required`, `properties`, `items` and `enum`. Enough for the answers we
/// serve; not a general JSON Schema validator.
struct OpenAPICheck {
    let document: JSONValue

    /// The schema of a path's answer: `paths[path][method].responses[status].content[type].schema`, with a
    /// response `$ref` followed.
    func responseSchema(path: String, method: String = "get", status: Int, type: String = "application/json") -> JSONValue? {
        guard var response = document["paths"]?[path]?[method]?["responses"]?[String(status)] else { return nil }
        if let ref = response["$ref"]?.string { response = resolve(ref) ?? .null }
        return response["content"]?[type]?["schema"]
    }

    func resolve(_ ref: String) -> JSONValue? {
        var node: JSONValue? = document
        for part in ref.split(separator: "/").dropFirst() { node = node?[String(part)] }
        return node
    }

    /// The problems found, each with the JSON path where it occurs; empty when the value conforms.
    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        if let ref = schema["$ref"]?.string {
            guard let target = resolve(ref) else { return ["\(path): unknown $ref \(ref)"] }
            return problems(value, target, at: path)
        }
        var found: [String] = []
        if let type = schema["type"] {
            let allowed = type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 }
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): expected \(allowed.joined(separator: " or ")), found \(kind(value))"]
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            found.append("\(path): \(value) is not one of the enum values")
        }
        if case .object(let members) = value {
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                found.append("\(path): required property \(name) is missing")
            }
            if case .object(let properties) = schema["properties"] ?? .null {
                for (name, propertySchema) in properties {
                    if let member = members[name] { found += problems(member, propertySchema, at: "\(path).\(name)") }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
        }
        return found
    }

    private func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }

    private func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
