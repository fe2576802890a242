import Foundation

/// The contract this build implements: openapi.yaml, shipped as a resource of this module.
enum OpenAPIDocument {
    static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "openapi: 3.1.0\ninfo: {title: redis-backup-gateway, version: unknown}\npaths: {}\n" }
        return text
    }()
}
