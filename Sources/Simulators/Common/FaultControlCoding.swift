import Foundation

/// The control-endpoint JSON shape of a fault:
/// `{"action"?, "instanceId"?, "times"?, "effect": {"type": "error", "code", "message"} |
///  {"type": "delay", "milliseconds"} | {"type": "httpStatus", "status", "body"?} |
///  {"type": "dropConnection"} | {"type": "malformedBody"} | {"type": "hugeBody", "bytes"} |
///  {"type": "stalledBody", "milliseconds"} | {"type": "throttle"} |
///  {"type": "failTask", "message"}}`.
extension SimulatedFault {
    struct ControlDecodingError: Error, CustomStringConvertible {
        var description: String
    }

    init(controlJSON json: SimulatorJSON) throws {
        guard case .object = json else { throw ControlDecodingError(description: "a fault must be a JSON object") }
        let action = try Self.optionalString(json, "action")
        let instanceId = try Self.optionalString(json, "instanceId")
        var times = 1
        if let value = json["times"], value != .null {
            guard let number = value.intValue else { throw ControlDecodingError(description: "`times` must be an integer") }
            times = Int(number)
        }
        guard let effect = json["effect"], case .object = effect else {
            throw ControlDecodingError(description: "`effect` (an object with `type`) is required")
        }
        self.init(action: action, instanceId: instanceId, times: times, effect: try Self.effect(from: effect))
    }

    private static func effect(from json: SimulatorJSON) throws -> Effect {
        guard let type = json["type"]?.stringValue else {
            throw ControlDecodingError(description: "`effect.type` is required")
        }
        switch type {
        case "error":
            guard let code = json["code"]?.stringValue else {
                throw ControlDecodingError(description: "`effect.code` is required for type error")
            }
            return .error(code: code, message: try optionalString(json, "message") ?? code)
        case "delay", "stalledBody":
            guard let milliseconds = json["milliseconds"]?.intValue, milliseconds >= 0 else {
                throw ControlDecodingError(description: "`effect.milliseconds` (integer ≥ 0) is required for type \(type)")
            }
            return type == "delay" ? .delay(.milliseconds(milliseconds)) : .stalledBody(.milliseconds(milliseconds))
        case "httpStatus":
            guard let status = json["status"]?.intValue, (100...599).contains(status) else {
                throw ControlDecodingError(description: "`effect.status` (100…599) is required for type httpStatus")
            }
            return .httpStatus(Int(status), body: try optionalString(json, "body") ?? "")
        case "dropConnection": return .dropConnection
        case "malformedBody": return .malformedBody
        case "hugeBody":
            guard let bytes = json["bytes"]?.intValue.map(Int.init), SimulatorResponses.hugeBodySizes.contains(bytes) else {
                throw ControlDecodingError(
                    description: "`effect.bytes` (an integer in \(SimulatorResponses.hugeBodySizes)) is required for type hugeBody"
                )
            }
            return .hugeBody(bytes: bytes)
        case "throttle": return .throttle
        case "failTask":
            return .failTask(message: try optionalString(json, "message") ?? "task failed")
        default:
            throw ControlDecodingError(description: "unknown effect type `\(type)`")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private static func optionalString(_ json: SimulatorJSON, _ key: String) throws -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard let string = value.stringValue else { throw ControlDecodingError(description: "`\(key)` must be a string") }
        return string
    }

    /// The control-endpoint JSON view of this fault.
    var controlJSON: SimulatorJSON {
        var effectJSON: [String: SimulatorJSON]
        switch effect {
        case .error(let code, let message):
            effectJSON = ["type": "error", "code": .string(code), "message": .string(message)]
        case .delay(let duration):
            effectJSON = ["type": "delay", "milliseconds": .int(Self.milliseconds(duration))]
        case .stalledBody(let duration):
            effectJSON = ["type": "stalledBody", "milliseconds": .int(Self.milliseconds(duration))]
        case .httpStatus(let status, let body):
            effectJSON = ["type": "httpStatus", "status": .int(Int64(status)), "body": .string(body)]
        case .dropConnection: effectJSON = ["type": "dropConnection"]
        case .malformedBody: effectJSON = ["type": "malformedBody"]
        case .hugeBody(let bytes): effectJSON = ["type": "hugeBody", "bytes": .int(Int64(bytes))]
        case .throttle: effectJSON = ["type": "throttle"]
        case .failTask(let message): effectJSON = ["type": "failTask", "message": .string(message)]
        }
        return .object([
            "action": action.map { .string($0) } ?? .null,
            "instanceId": instanceId.map { .string($0) } ?? .null,
            "times": .int(Int64(times)),
            "effect": .object(effectJSON),
        ])
    }
}
