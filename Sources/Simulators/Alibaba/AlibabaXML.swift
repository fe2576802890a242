/// Alibaba's XML answers (when a v1 request names no `Format`): a success is
/// `<{Action}Response><RequestId>…</RequestId>…</{Action}Response>`, an error
/// `<Error><RequestId/><HostId/><Code/><Message/><Recommend/></Error>`. An array under key
/// `K` becomes repeated `<K>` elements (so `{"Backups":{"Backup":[…]}}` → `<Backups><Backup>…`).
enum AlibabaXML {
    static let declaration = "<?xml version='1.0' encoding='UTF-8'?>"

    static func document(root: String, fields: [String: SimulatorJSON]) -> String {
        var out = declaration + "<\(root)>"
        for key in fields.keys.sorted() { append(key, fields[key]!, to: &out) }
        return out + "</\(root)>"
    }

    /// The error envelope, members in Alibaba's order.
    static func error(_ fields: [(String, String)]) -> String {
        var out = declaration + "<Error>"
        for (name, value) in fields { out += "<\(name)>\(escape(value))</\(name)>" }
        return out + "</Error>"
    }

    static func append(_ name: String, _ value: SimulatorJSON, to out: inout String) {
        switch value {
        case .array(let items):
            for item in items { append(name, item, to: &out) }
        case .object(let members):
            out += "<\(name)>"
            for key in members.keys.sorted() { append(key, members[key]!, to: &out) }
            out += "</\(name)>"
        case .null:
            out += "<\(name)></\(name)>"
        case .string(let text):
            out += "<\(name)>\(escape(text))</\(name)>"
        case .int, .double, .bool:
            out += "<\(name)>\(value.serialized)</\(name)>"
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
