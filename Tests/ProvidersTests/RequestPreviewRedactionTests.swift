import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `RequestPreviewRedaction` on hand-written requests: what is masked, what stays readable.
@Suite("Request preview redaction")
struct RequestPreviewRedactionTests {
    static let mask = Redactor.mask
    static let signature = String(repeating: "ab12", count: 16)

    static func request(
        method: String = "POST", url: String = "https://example.com/", headers: [(name: String, value: String)] = [], body: String = ""
    ) -> ProviderHTTPRequest {
        ProviderHTTPRequest(method: method, url: url, headers: headers, body: Array(body.utf8))
    }

    @Test("TC3: the signature and access key id are masked, the algorithm, scope and SignedHeaders stay")
    func tc3Authorization() {
        let authorization = "TC3-HMAC-SHA256 Credential=AKIDexample1234567890/2026-01-01/redis/tc3_request, "
            + "SignedHeaders=content-type;host, Signature=\(Self.signature)"
        let preview = Self.request(headers: [("Authorization", authorization)]).preview(action: "A", redactor: Redactor())
        #expect(preview.header("Authorization")
            == "TC3-HMAC-SHA256 Credential=\(Self.mask)/2026-01-01/redis/tc3_request, SignedHeaders=content-type;host, Signature=\(Self.mask)")
    }

    @Test("ACS3 and Huawei authorization keep their separators; an unknown scheme is masked whole")
    func otherAuthorizations() {
        let acs3 = "ACS3-HMAC-SHA256 Credential=LTAI5tExample,SignedHeaders=host;x-acs-date,Signature=\(Self.signature)"
        let huawei = "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=host;x-sdk-date, Signature=\(Self.signature)"
        let preview = Self.request(headers: [("Authorization", acs3), ("authorization", huawei), ("Authorization", "Bearer abc.def")])
            .preview(action: "A", redactor: Redactor())
        #expect(preview.headers.map(\.value) == [
            "ACS3-HMAC-SHA256 Credential=\(Self.mask),SignedHeaders=host;x-acs-date,Signature=\(Self.mask)",
            "SDK-HMAC-SHA256 Access=\(Self.mask), SignedHeaders=host;x-sdk-date, Signature=\(Self.mask)",
            Self.mask,
        ])
    }

    @Test("token headers are masked whole, other headers only where they carry a known secret")
    func tokenHeaders() {
        let preview = Self.request(headers: [
            ("X-TC-Token", "t1"), ("x-acs-security-token", "t2"), ("X-Security-Token", "t3"), ("X-Auth-Token", "t4"),
            ("User-Agent", "gateway my-secret-value"), ("Host", "example.com"),
        ]).preview(action: "A", redactor: Redactor(), secrets: ["my-secret-value"])
        #expect(preview.headers.map(\.name) == ["X-TC-Token", "x-acs-security-token", "X-Security-Token", "X-Auth-Token", "User-Agent", "Host"])
        #expect(preview.headers.map(\.value) == [Self.mask, Self.mask, Self.mask, Self.mask, "gateway \(Self.mask)", "example.com"])
    }

    @Test("query parameters: secret names masked (any case), encoded known secrets found, other pairs kept byte for byte")
    func query() {
        let url = "https://example.com/?Action=CreateBackup&AccessKeyId=LTAIabcdefgh&securitytoken=CAIS%2Bx%2Fy%3D%3D"
            + "&Remark=a%20b%2Bs3cr%2Bt&Signature=abc%2B%3D&Empty=&Flag"
        let preview = Self.request(url: url).preview(action: "A", redactor: Redactor(), secrets: ["s3cr+t"])
        #expect(preview.url == "https://example.com/?Action=CreateBackup&AccessKeyId=\(Self.mask)&securitytoken=\(Self.mask)"
            + "&Remark=a%20b%2B\(Self.mask)&Signature=\(Self.mask)&Empty=&Flag")
    }

    @Test("form body: SecretId, Token, Signature and password masked, the rest as sent")
    func form() {
        let body = "redisId=crs-1&password=p%40ss+word&SecretId=AKIDxyz12345678&Token=t%2B1&Nonce=42&Signature=q%2Fw%3D&remark=a+b"
        let preview = Self.request(headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
            .preview(action: "A", redactor: Redactor())
        #expect(preview.body == "redisId=crs-1&password=\(Self.mask)&SecretId=\(Self.mask)&Token=\(Self.mask)&Nonce=42"
            + "&Signature=\(Self.mask)&remark=a+b")
    }

    @Test("JSON body: Password fields masked at any depth, known secrets in strings redacted, untouched bodies kept as sent")
    func json() throws {
        let redactor = Redactor(knownSecrets: ["top-secret-key"])
        let untouched = #"{"B":1,"A":"x/y","Flag":true}"#
        let kept = Self.request(headers: [("Content-Type", "application/json")], body: untouched).preview(action: "A", redactor: redactor)
        #expect(kept.body == untouched)

        let body = #"{"InstanceId":"crs-1","Password":"p\"w","Nested":{"password":"x","Note":"uses top-secret-key"},"List":[{"PASSWORD":"y"}],"Days":7,"On":true,"Gone":null}"#
        let preview = Self.request(headers: [("Content-Type", "application/json")], body: body).preview(action: "A", redactor: redactor)
        let text = try #require(preview.body)
        #expect(!text.contains("p\\\"w") && !text.contains("top-secret-key"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["Password"] as? String == Self.mask)
        #expect(object["InstanceId"] as? String == "crs-1")
        #expect(object["Days"] as? Int == 7)
        let nested = try #require(object["Nested"] as? [String: Any])
        #expect(nested["password"] as? String == Self.mask)
        #expect(nested["Note"] as? String == "uses \(Self.mask)")
        #expect(((object["List"] as? [[String: Any]])?.first?["PASSWORD"] as? String) == Self.mask)
        #expect(text.contains(#""On":true"#))
        #expect(text.contains(#""Gone":null"#))
    }

    @Test("empty bodies are nil; text bodies go through the redactor")
    func otherBodies() {
        #expect(Self.request().preview(action: "A", redactor: Redactor()).body == nil)
        let preview = Self.request(headers: [("Content-Type", "text/plain")], body: "key top-secret-key")
            .preview(action: "A", redactor: Redactor(knownSecrets: ["top-secret-key"]))
        #expect(preview.body == "key \(Self.mask)")
        #expect(preview.action == "A")
        #expect(preview.method == "POST")
    }
}
