import Foundation
import GatewayCore

/// An RFC 9457 problem document in the shape of DESIGN.md §4.
struct ProblemDocument: Encodable, Sendable {
    struct Provider: Encodable, Sendable {
        var name: String
        var code: String?
        var message: String?
        var requestId: String?
        var httpStatus: Int?
    }

    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    var code: String
    var reason: String
    var retryable: Bool
    var requestId: String
    var provider: Provider?

    static func typeURI(_ code: String) -> String { "urn:redis-backup-gateway:problem:\(code)" }

    init(_ error: GatewayError, instance: String?, requestId: String, status: Int? = nil) {
        self.type = Self.typeURI(error.code.rawValue)
        self.title = error.code.title
        self.status = status ?? error.httpStatus
        self.detail = error.detail
        self.instance = instance
        self.code = error.code.rawValue
        self.reason = error.reason
        self.retryable = error.retryable
        self.requestId = requestId
        self.provider = error.provider.map(Provider.init)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func encoded() -> Data {
        (try? Self.encoder.encode(self)) ?? Data(#"{"code":"internal","reason":"PROBLEM_ENCODING_FAILED"}"#.utf8)
    }
}

extension ProblemDocument.Provider {
    init(_ info: ProviderErrorInfo) {
        self.init(name: info.name, code: info.code, message: info.message, requestId: info.requestId, httpStatus: info.httpStatus)
    }
}
