import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime

/// Whatever a handler, the generated server or the router throws → one `GatewayError` and
/// the HTTP status to answer it with (the taxonomy's status, except 405 and 415).
enum ErrorTranslation {
    struct Translated {
        var error: GatewayError
        var status: Int
        var headers: [(HTTPField.Name, String)] = []
    }

    static func translate(_ error: any Error, method: String, path: String) -> Translated {
        switch error {
        case let error as GatewayError:
            var translated = Translated(error: error, status: error.httpStatus)
            if error.code == .unauthenticated {
                // RFC 6750 §3: a challenge on every 401; `invalid_token` when one was sent.
                let challenge = error.reason == "TOKEN_INVALID"
                    ? #"Bearer realm="redis-backup-gateway", error="invalid_token""#
                    : #"Bearer realm="redis-backup-gateway""#
                translated.headers.append((.wwwAuthenticate, challenge))
            }
            return translated
        case let error as ServerError:
            if error.underlyingError is GatewayError || error.underlyingError is DecodingError {
                return translate(error.underlyingError, method: method, path: path)
            }
            return fromGenerated(error)
        case let error as DecodingError:
            // Only the POSTs have a body; a GET's decoding failure is about its parameters.
            guard method == "POST" else {
                return Translated(
                    error: .invalidArgument("INVALID_PARAMETER", "A parameter of the request is not valid: \(describeParameter(error))"),
                    status: 400
                )
            }
            return Translated(
                error: .invalidArgument("MALFORMED_BODY", "The request body is not valid: \(describe(error))"),
                status: 400
            )
        case let error as HTTPError:
            return fromRouter(error, method: method, path: path)
        case is NIOTooManyBytesError:
            return Translated(error: .invalidArgument("BODY_TOO_LARGE", "The request body is larger than 1 MiB."), status: 413)
        default:
            return Translated(error: .internal("An unexpected error occurred; the request id identifies it in the logs."), status: 500)
        }
    }

    private static func fromGenerated(_ error: ServerError) -> Translated {
        switch error.httpStatus.code {
        case 415:
            return Translated(
                error: .invalidArgument("UNSUPPORTED_MEDIA_TYPE", "Send the body as Content-Type: application/json."),
                status: 415
            )
        case 400..<500:
            return Translated(
                error: .invalidArgument("INVALID_REQUEST", "The request does not match the API: \(error.causeDescription)."),
                status: 400
            )
        default:
            return Translated(error: .internal("The request could not be handled; the request id identifies it in the logs."), status: 500)
        }
    }

    private static func fromRouter(_ error: HTTPError, method: String, path: String) -> Translated {
        if error.status == .notFound {
            if let allowed = RouteTable.allowedMethods(forPath: path), !allowed.contains(method) {
                return Translated(
                    error: .invalidArgument("METHOD_NOT_ALLOWED", "\(method) is not allowed on \(path); allowed: \(allowed.joined(separator: ", "))."),
                    status: 405,
                    headers: [(.allow, allowed.joined(separator: ", "))]
                )
            }
            return Translated(error: .notFound("ROUTE_NOT_FOUND", "There is no route \(method) \(path)."), status: 404)
        }
        if error.status == .contentTooLarge {
            return Translated(error: .invalidArgument("BODY_TOO_LARGE", "The request body is too large."), status: 413)
        }
        if (400..<500).contains(error.status.code) {
            return Translated(error: .invalidArgument("INVALID_REQUEST", error.body ?? "The request is not valid."), status: error.status.code)
        }
        return Translated(error: .internal("The request could not be handled."), status: 500)
    }

    /// A short account of a decoding failure: where in the body and what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing required field \"\(path(context.codingPath + [key]))\"."
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context.codingPath)) has the wrong type: \(context.debugDescription)"
        case let .dataCorrupted(context):
            if !context.codingPath.isEmpty { return "\(path(context.codingPath)): \(context.debugDescription)" }
            // JSON syntax errors carry the parser's error; others (an unknown enum value) do not.
            return context.underlyingError != nil ? "it is not well-formed JSON." : context.debugDescription
        @unknown default:
            return "it could not be decoded."
        }
    }

    /// A query or path parameter's decoding failure (the runtime does not name the parameter).
    static func describeParameter(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, _):
            return "\(key.stringValue) is missing."
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let text = context.debugDescription
            return "\(text)\(text.hasSuffix(".") ? "" : ".") See the parameter's type and allowed values in openapi.yaml."
        @unknown default:
            return "it could not be decoded."
        }
    }
}
