/// The contract this build implements: openapi.yaml, embedded in the binary at build time.
enum OpenAPIDocument {
    static let text = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
