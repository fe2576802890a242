import Foundation
@testable import ProviderSigning

/// Inputs shared by the vectors of `shared/providers/alibaba.md` §6.
enum AlibabaVectors {
    static let credentials = SigningCredentials(
        accessKeyId: "LTAI5tExampleAccessKeyId",
        secret: "ExampleAccessKeySecret0123456789"
    )
    static let stsCredentials = SigningCredentials(
        accessKeyId: "LTAI5tExampleAccessKeyId",
        secret: "ExampleAccessKeySecret0123456789",
        sessionToken: "CAIS.example+sts/token=="
    )
    /// 2025-01-15T08:30:00Z.
    static let timestamp = utc(2025, 1, 15, 8, 30, 0)
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let teaUserAgent = "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Date {
        let days = CivilDate.days(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    /// Splits a wire query and form-decodes it the way the server does (`+` is a space,
    /// `%XX` a byte), keeping the order.
    static func formDecode(_ query: String) -> [String] {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "<invalid>"
            }
            return "\(decode(parts[0]))=\(parts.count > 1 ? decode(parts[1]) : "")"
        }
    }
}

extension AlibabaRPCSigner.Signature {
    /// The signed parameters as `name=value` lines, as §6 lists them.
    var parameterLines: [String] { parameters.map { "\($0.name)=\($0.value)" } }
}
