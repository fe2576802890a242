import Foundation

/// The gateway's tag in a provider-side remark: it carries the operation id, so a backup or
/// restore whose start call had an unknown outcome can be found afterwards.
public enum GatewayRemark {
    public static func compose(callerRemark: String?, operationId: String, maxLength: Int = .max) -> String {
        let tag = "[gw:\(operationId)]"
        guard var callerRemark, !callerRemark.isEmpty else { return tag }
        let room = maxLength - tag.count - 1
        if callerRemark.count > room { callerRemark = String(callerRemark.prefix(max(0, room))) }
        return callerRemark.isEmpty ? tag : "\(callerRemark) \(tag)"
    }

    /// The remark without the gateway's tag (nil when nothing else is left).
    public static func callerRemark(from remark: String?) -> String? {
        guard var remark, !remark.isEmpty else { return nil }
        if let range = remark.range(of: #"\s*\[gw:op_[a-z2-7]{26}\]$"#, options: .regularExpression) {
            remark.removeSubrange(range)
        }
        return remark.isEmpty ? nil : remark
    }

    public static func carries(_ remark: String?, operationId: String) -> Bool {
        remark?.contains("[gw:\(operationId)]") ?? false
    }
}
