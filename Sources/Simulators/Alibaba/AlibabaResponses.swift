import Foundation
import Hummingbird

/// Alibaba answers in JSON or XML: `Format=JSON`/`json` (v1) and every ACS3 request get JSON;
/// a v1 request without `Format` (or with `XML`) gets XML.
enum AlibabaResponseFormat: Sendable {
    case json, xml

    static let hostId = "r-kvstore.aliyuncs.com"
    static let xmlContentType = "text/xml;charset=utf-8"
    static let jsonContentType = "application/json;charset=utf-8"

    init(request: ReceivedHTTPRequest, parameters: AlibabaParameters) {
        if let format = parameters["Format"] {
            self = format.lowercased() == "json" ? .json : .xml
        } else if parameters["Signature"] == nil, request.header("Authorization") != nil {
            self = .json
        } else {
            self = .xml
        }
    }

    /// The bytes and content type of a success.
    func success(action: String, fields: [String: SimulatorJSON]) -> (body: [UInt8], contentType: String) {
        switch self {
        case .json: (SimulatorJSON.object(fields).bytes, Self.jsonContentType)
        case .xml: (Array(AlibabaXML.document(root: "\(action)Response", fields: fields).utf8), Self.xmlContentType)
        }
    }

    /// The bytes and content type of an error.
    func error(_ error: AlibabaAPIError, requestId: String) -> (body: [UInt8], contentType: String) {
        let recommend = "https://api.aliyun.com/troubleshoot?q=\(error.code)&product=R-kvstore&requestId=\(requestId)"
        switch self {
        case .json:
            let json: SimulatorJSON = [
                "RequestId": .string(requestId),
                "HostId": .string(Self.hostId),
                "Code": .string(error.code),
                "Message": .string(error.message),
                "Recommend": .string(recommend),
            ]
            return (json.bytes, Self.jsonContentType)
        case .xml:
            let xml = AlibabaXML.error([
                ("RequestId", requestId), ("HostId", Self.hostId), ("Code", error.code),
                ("Message", error.message), ("Recommend", recommend),
            ])
            return (Array(xml.utf8), Self.xmlContentType)
        }
    }

    func response(_ rendered: (body: [UInt8], contentType: String), status: Int) -> Response {
        SimulatorResponses.bytes(rendered.body, contentType: rendered.contentType, status: HTTPResponse.Status(code: status))
    }

    /// 200 with the first half of the real answer: not parsable.
    func malformed(_ rendered: (body: [UInt8], contentType: String)) -> Response {
        let cut = max(1, min(rendered.body.count - 1, rendered.body.count / 2))
        return SimulatorResponses.bytes(Array(rendered.body.prefix(cut)), contentType: rendered.contentType, status: .ok)
    }
}
