import Foundation
import Testing
@testable import ProviderSigning

/// Every SDK-HMAC-SHA256 vector of `shared/providers/huawei.md` §4 (computed by the official
/// Python SDK's `Signer`), the published APIG signing-guide example, and the canonicalization
/// rules of §3.
@Suite("Huawei SDK-HMAC-SHA256")
struct HuaweiAKSKSignerTests {
    static let credentials = SigningCredentials(
        accessKeyId: "EXAMPLEAK1234567890A",
        secret: "ExampleSecretKey0123456789abcdefghijklmn"
    )
    static let sdkDate = "20240101T000000Z"
    static let host = "dcs.ap-southeast-1.myhuaweicloud.com"
    static let project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let instance = "5560df16-cebf-4473-95c4-d1b573c16e79"
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let postHeaders = ["Content-Type": "application/json;charset=utf-8", "X-Project-Id": project]
    static let getHeaders = ["Content-Type": "application/json", "X-Project-Id": project]

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Date {
        let days = CivilDate.days(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    static func wire(_ signed: HuaweiAKSKSigner.Signature) -> [String] {
        signed.headers.map { "\($0.name): \($0.value)" }
    }

    // MARK: - Vectors

    @Test("published APIG example: GET /v1/…/vpcs?limit=2&marker=…")
    func publishedExample() {
        let request = HuaweiAKSKSigner.Request(
            method: "GET",
            host: "service.region.example.com",
            path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            query: [("marker", "13551d6b-755d-4757-b956-536f674975c0"), ("limit", "2")],
            headers: ["Content-Type": "application/json"]
        )
        let credentials = SigningCredentials(
            accessKeyId: "QTWAOYTTINDUT2QVKYUC",
            secret: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
        )
        let signed = HuaweiAKSKSigner.sign(request, credentials: credentials, sdkDate: "20191115T033655Z")
        #expect(signed.sdkDate == "20191115T033655Z")
        #expect(signed.payloadHash == Self.emptySHA256)
        #expect(signed.canonicalURI == "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/")
        #expect(signed.canonicalQuery == "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0")
        #expect(signed.canonicalHeaders == """
            content-type:application/json
            host:service.region.example.com
            x-sdk-date:20191115T033655Z

            """)
        #expect(signed.signedHeaders == "content-type;host;x-sdk-date")
        #expect(signed.canonicalRequest == """
            GET
            /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/
            limit=2&marker=13551d6b-755d-4757-b956-536f674975c0
            content-type:application/json
            host:service.region.example.com
            x-sdk-date:20191115T033655Z

            content-type;host;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.hashedCanonicalRequest == "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a")
        #expect(signed.signature == "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe")
        #expect(signed.queryString == "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0")
        #expect(Self.wire(signed) == [
            "Host: service.region.example.com",
            "X-Sdk-Date: 20191115T033655Z",
            "Content-Type: application/json",
            "Authorization: \(signed.authorization)",
        ])

        // The `Date` entry point gives the same bytes for the same instant.
        let viaDate = HuaweiAKSKSigner.sign(request, credentials: credentials, date: Self.utc(2019, 11, 15, 3, 36, 55))
        #expect(viaDate.sdkDate == "20191115T033655Z")
        #expect(viaDate.signature == signed.signature)
        #expect(viaDate.authorization == signed.authorization)
    }

    @Test("TV1 create backup, v2, SDK-style JSON body (45 bytes)")
    func tv1CreateBackup() {
        let body = #"{"remark": "nightly", "backup_format": "rdb"}"#
        #expect(body.utf8.count == 45)
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: "POST", host: Self.host,
                path: "/v2/\(Self.project)/instances/\(Self.instance)/backups",
                headers: Self.postHeaders,
                body: Array(body.utf8)
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(signed.payloadHash == "4f6a00a1985f058ac2117b3aa0fda2fac5537a322749f835fa2397bd59706b3c")
        #expect(signed.canonicalURI == "/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/")
        #expect(signed.canonicalQuery == "")
        #expect(signed.canonicalHeaders == """
            content-type:application/json;charset=utf-8
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z

            """)
        #expect(signed.signedHeaders == "content-type;host;x-project-id;x-sdk-date")
        #expect(signed.canonicalRequest == """
            POST
            /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/

            content-type:application/json;charset=utf-8
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z

            content-type;host;x-project-id;x-sdk-date
            4f6a00a1985f058ac2117b3aa0fda2fac5537a322749f835fa2397bd59706b3c
            """)
        #expect(signed.hashedCanonicalRequest == "b74bbfc93a2f556786ea21a8c61cdc06edb2a1b26de44b7767fa74a87e8ee181")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20240101T000000Z\nb74bbfc93a2f556786ea21a8c61cdc06edb2a1b26de44b7767fa74a87e8ee181")
        #expect(signed.signature == "f6f29c599ea728113e67bb0eae96e05098d03d218057657e21b8b4aff64ecc0d")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=f6f29c599ea728113e67bb0eae96e05098d03d218057657e21b8b4aff64ecc0d")
        #expect(signed.queryString == "")
        #expect(Self.wire(signed) == [
            "Host: dcs.ap-southeast-1.myhuaweicloud.com",
            "X-Sdk-Date: 20240101T000000Z",
            "Content-Type: application/json;charset=utf-8",
            "X-Project-Id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "Authorization: SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=f6f29c599ea728113e67bb0eae96e05098d03d218057657e21b8b4aff64ecc0d",
        ])
    }

    @Test("TV2 list backups, v2, query given unsorted")
    func tv2ListBackups() {
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: "GET", host: Self.host,
                path: "/v2/\(Self.project)/instances/\(Self.instance)/backups",
                query: [("offset", "0"), ("limit", "10"), ("begin_time", "20240101000000"), ("end_time", "20240102000000")],
                headers: Self.getHeaders
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(signed.payloadHash == Self.emptySHA256)
        #expect(signed.canonicalURI == "/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/")
        #expect(signed.canonicalQuery == "begin_time=20240101000000&end_time=20240102000000&limit=10&offset=0")
        #expect(signed.signedHeaders == "content-type;host;x-project-id;x-sdk-date")
        #expect(signed.canonicalRequest == """
            GET
            /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/
            begin_time=20240101000000&end_time=20240102000000&limit=10&offset=0
            content-type:application/json
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z

            content-type;host;x-project-id;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.hashedCanonicalRequest == "019bb2391b6121442b9b229213dae95ee8584623be60b372649f620dfb6d425a")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20240101T000000Z\n019bb2391b6121442b9b229213dae95ee8584623be60b372649f620dfb6d425a")
        #expect(signed.signature == "c1832f5adbfc54bbee6a7d8f1eaa90b55a7558ced5129e28f242fc06147e8a17")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=c1832f5adbfc54bbee6a7d8f1eaa90b55a7558ced5129e28f242fc06147e8a17")
        // The SDK sends `…/backups?begin_time=20240101000000&end_time=20240102000000&limit=10&offset=0`.
        #expect(signed.queryString == "begin_time=20240101000000&end_time=20240102000000&limit=10&offset=0")
    }

    @Test("TV3 restore, v1.0, compact JSON body")
    func tv3Restore() {
        let body = #"{"backup_id":"4631832a-14c6-45b0-a0b3-3abd8f591ad1","remark":"restore test"}"#
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: "POST", host: Self.host,
                path: "/v1.0/\(Self.project)/instances/\(Self.instance)/restores",
                headers: Self.postHeaders,
                body: Array(body.utf8)
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(signed.payloadHash == "9648857dfd45805fa68244fc8c44845048fd0976bc695695e9e53ca7c7e47223")
        #expect(signed.canonicalURI == "/v1.0/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/restores/")
        #expect(signed.canonicalQuery == "")
        #expect(signed.signedHeaders == "content-type;host;x-project-id;x-sdk-date")
        #expect(signed.canonicalRequest == """
            POST
            /v1.0/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/restores/

            content-type:application/json;charset=utf-8
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z

            content-type;host;x-project-id;x-sdk-date
            9648857dfd45805fa68244fc8c44845048fd0976bc695695e9e53ca7c7e47223
            """)
        #expect(signed.hashedCanonicalRequest == "81ba0cce4c12bc4f8ea49894bf7e855c324389500c2659c7bd9c1d95eefbb423")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20240101T000000Z\n81ba0cce4c12bc4f8ea49894bf7e855c324389500c2659c7bd9c1d95eefbb423")
        #expect(signed.signature == "0545ee193dd7f08411afa6f2e3c20c412292a076b5f388cf4ca4636b6a3227c4")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=0545ee193dd7f08411afa6f2e3c20c412292a076b5f388cf4ca4636b6a3227c4")
    }

    @Test("TV4 show instance, temporary credentials: X-Security-Token sent and signed")
    func tv4TemporaryCredentials() {
        var temporary = Self.credentials
        temporary.sessionToken = "gQpjbi1ub3J0aC00Example"
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: "GET", host: Self.host,
                path: "/v2/\(Self.project)/instances/\(Self.instance)",
                headers: Self.getHeaders
            ),
            credentials: temporary, sdkDate: Self.sdkDate
        )
        #expect(signed.payloadHash == Self.emptySHA256)
        #expect(signed.canonicalURI == "/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/")
        #expect(signed.canonicalHeaders == """
            content-type:application/json
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z
            x-security-token:gQpjbi1ub3J0aC00Example

            """)
        #expect(signed.signedHeaders == "content-type;host;x-project-id;x-sdk-date;x-security-token")
        #expect(signed.canonicalRequest == """
            GET
            /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/

            content-type:application/json
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z
            x-security-token:gQpjbi1ub3J0aC00Example

            content-type;host;x-project-id;x-sdk-date;x-security-token
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.hashedCanonicalRequest == "deba79a95042f8625037338741518aeaf44c99cb8c85f9ef1b915f7b5d9d5a16")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20240101T000000Z\ndeba79a95042f8625037338741518aeaf44c99cb8c85f9ef1b915f7b5d9d5a16")
        #expect(signed.signature == "f9c7b2daeb71c29a79c0f05a52f0c69fc71bf7c59da19cc0036faf3cfaa41394")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=f9c7b2daeb71c29a79c0f05a52f0c69fc71bf7c59da19cc0036faf3cfaa41394")
        #expect(Self.wire(signed) == [
            "Host: dcs.ap-southeast-1.myhuaweicloud.com",
            "X-Sdk-Date: 20240101T000000Z",
            "Content-Type: application/json",
            "X-Project-Id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "X-Security-Token: gQpjbi1ub3J0aC00Example",
            "Authorization: \(signed.authorization)",
        ])
    }

    @Test("TV5 query values with space / ~ and CJK, raw UTF-8 body")
    func tv5Encoding() {
        let body = #"{"remark":"备份"}"#
        #expect(body.utf8.count == 19)
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: "POST", host: Self.host,
                path: "/v2/\(Self.project)/instances/\(Self.instance)/backups",
                query: [("tag", "备份"), ("note", "a b/c~d")],
                headers: Self.postHeaders,
                body: Array(body.utf8)
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(signed.payloadHash == "d8737dfbcacaf728585ef70ee3bf130e1f95a8211d4b9d6c85571e1f766bc73f")
        #expect(signed.canonicalURI == "/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/")
        #expect(signed.canonicalQuery == "note=a%20b%2Fc~d&tag=%E5%A4%87%E4%BB%BD")
        #expect(signed.signedHeaders == "content-type;host;x-project-id;x-sdk-date")
        #expect(signed.canonicalRequest == """
            POST
            /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/
            note=a%20b%2Fc~d&tag=%E5%A4%87%E4%BB%BD
            content-type:application/json;charset=utf-8
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z

            content-type;host;x-project-id;x-sdk-date
            d8737dfbcacaf728585ef70ee3bf130e1f95a8211d4b9d6c85571e1f766bc73f
            """)
        #expect(signed.hashedCanonicalRequest == "d481d71d48278eb5f93308fc3de6488678e5d97083861574fe20cb9831673e73")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20240101T000000Z\nd481d71d48278eb5f93308fc3de6488678e5d97083861574fe20cb9831673e73")
        #expect(signed.signature == "34dd21087047c4a48708c59d6558e90d18ad72f955eb14d8d6759ddb4f28642b")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=34dd21087047c4a48708c59d6558e90d18ad72f955eb14d8d6759ddb4f28642b")
        #expect(signed.queryString == "note=a%20b%2Fc~d&tag=%E5%A4%87%E4%BB%BD")
    }

    @Test("TV6 DcsClient.copy_instance end to end: user-agent signed, host with port")
    func tv6CopyInstance() {
        let body = #"{"remark": "nightly", "backup_format": "rdb"}"#
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: "POST", host: "127.0.0.1:18443",
                path: "/v2/\(Self.project)/instances/\(Self.instance)/backups",
                headers: [
                    "User-Agent": "huaweicloud-usdk-python/3.0",
                    "Content-Type": "application/json;charset=utf-8",
                    "X-Project-Id": Self.project,
                ],
                body: Array(body.utf8)
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(signed.payloadHash == "4f6a00a1985f058ac2117b3aa0fda2fac5537a322749f835fa2397bd59706b3c")
        #expect(signed.signedHeaders == "content-type;host;user-agent;x-project-id;x-sdk-date")
        #expect(signed.canonicalHeaders == """
            content-type:application/json;charset=utf-8
            host:127.0.0.1:18443
            user-agent:huaweicloud-usdk-python/3.0
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20240101T000000Z

            """)
        #expect(signed.hashedCanonicalRequest == "30fe6aa8a0218f88763d78be07dab42a8358b9d637e7efb070c9091a977c72be")
        #expect(signed.stringToSign == "SDK-HMAC-SHA256\n20240101T000000Z\n30fe6aa8a0218f88763d78be07dab42a8358b9d637e7efb070c9091a977c72be")
        #expect(signed.signature == "8c6d00c72092761f75f148d7f6030eac16fcb00f8c61d924d0f946c06b45272b")
        #expect(signed.authorization == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=8c6d00c72092761f75f148d7f6030eac16fcb00f8c61d924d0f946c06b45272b")
        #expect(signed.headers.first { $0.name == "Host" }?.value == "127.0.0.1:18443")
    }

    // MARK: - Rules of §3

    @Test("trailing slash: in the canonical URI only, never in anything sent")
    func trailingSlashCanonicalOnly() {
        let path = "/v2/\(Self.project)/instances/\(Self.instance)/backups"
        let request = HuaweiAKSKSigner.Request(
            method: "GET", host: Self.host, path: path,
            query: [("limit", "10")], headers: Self.getHeaders
        )
        let signed = HuaweiAKSKSigner.sign(request, credentials: Self.credentials, sdkDate: Self.sdkDate)
        #expect(signed.canonicalURI == path + "/")
        #expect(signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "\(path)/")
        #expect(request.path == path)
        #expect(!signed.queryString.contains("/"))
        for header in signed.headers {
            #expect(!header.value.contains("backups/"))
        }
        // Already ending in `/`: not doubled. Root stays `/`; empty and relative paths get a leading `/`.
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v2/p/instances/") == "/v2/p/instances/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/") == "/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "") == "/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "v2/p") == "/v2/p/")
        // The same request signed with and without a trailing slash on the wire path signs the same.
        var slashed = request
        slashed.path = path + "/"
        #expect(HuaweiAKSKSigner.sign(slashed, credentials: Self.credentials, sdkDate: Self.sdkDate).signature == signed.signature)
    }

    @Test("canonical URI: decode, then RFC 3986-encode each segment")
    func canonicalURIEncoding() {
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/a%3ab/c d") == "/v1/a%3Ab/c%20d/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/%E5%A4%87%E4%BB%BD") == "/v1/%E5%A4%87%E4%BB%BD/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/备份") == "/v1/%E5%A4%87%E4%BB%BD/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/a~b_c.d-e") == "/v1/a~b_c.d-e/")
        // Decoded before splitting (as the SDK does): an escaped slash becomes a separator.
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/a%2Fb") == "/v1/a/b/")
        // A `%` without two hex digits stays literal and is then encoded.
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/100%") == "/v1/100%25/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/%zz") == "/v1/%25zz/")
        #expect(HuaweiAKSKSigner.canonicalURI(path: "/v1/a+b") == "/v1/a%2Bb/")
    }

    @Test("percent-encoding: only A–Z a–z 0–9 - _ . ~ kept, upper-case %XX", arguments: [
        (" ", "%20"), ("/", "%2F"), ("~", "~"), ("+", "%2B"), ("*", "%2A"), ("=", "%3D"), ("&", "%26"),
        ("%", "%25"), (":", "%3A"), ("-", "-"), ("_", "_"), (".", "."), ("ü", "%C3%BC"), ("备", "%E5%A4%87"), ("", ""),
    ])
    func percentEncoding(input: String, expected: String) {
        #expect(HuaweiAKSKSigner.percentEncode(input) == expected)
    }

    @Test("canonical query: sorted by (key, value), repeated keys by value, empty values kept")
    func canonicalQuery() {
        #expect(HuaweiAKSKSigner.canonicalQuery([]) == "")
        #expect(HuaweiAKSKSigner.canonicalQuery([("b", "2"), ("a", "z"), ("a", "y"), ("B", ""), ("c", "true")])
            == "B=&a=y&a=z&b=2&c=true")
        #expect(HuaweiAKSKSigner.canonicalQuery([("k", "2"), ("k", "1")]) == HuaweiAKSKSigner.canonicalQuery([("k", "1"), ("k", "2")]))
        #expect(HuaweiAKSKSigner.canonicalQuery([("a b", "x+y=z")]) == "a%20b=x%2By%3Dz")
    }

    @Test("X-Sdk-Date from Date: yyyyMMdd'T'HHmmss'Z' in UTC at boundaries")
    func sdkDateFormatting() {
        #expect(HuaweiAKSKSigner.sdkDate(Self.utc(2024, 1, 1, 0, 0, 0)) == "20240101T000000Z")
        #expect(HuaweiAKSKSigner.sdkDate(Self.utc(2019, 11, 15, 3, 36, 55)) == "20191115T033655Z")
        #expect(HuaweiAKSKSigner.sdkDate(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(HuaweiAKSKSigner.sdkDate(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
        #expect(HuaweiAKSKSigner.sdkDate(Self.utc(2000, 2, 29, 23, 59, 59).addingTimeInterval(0.999)) == "20000229T235959Z")
        #expect(HuaweiAKSKSigner.sdkDate(Self.utc(2023, 12, 31, 23, 59, 59)) == "20231231T235959Z")
        let signed = HuaweiAKSKSigner.sign(
            .init(method: "GET", host: Self.host, path: "/v2/p/instances/i", headers: Self.getHeaders),
            credentials: Self.credentials, date: Self.utc(2024, 1, 1, 0, 0, 0)
        )
        #expect(signed.sdkDate == "20240101T000000Z")
        #expect(signed.headers.contains { $0.name == "X-Sdk-Date" && $0.value == "20240101T000000Z" })
        #expect(signed.canonicalHeaders.contains("x-sdk-date:20240101T000000Z\n"))
        #expect(signed.stringToSign.hasPrefix("SDK-HMAC-SHA256\n20240101T000000Z\n"))
    }

    @Test("headers: any case, trimmed, generated ones win, Authorization dropped, `_` unsigned")
    func headerRules() {
        let reference = HuaweiAKSKSigner.sign(
            .init(
                method: "get", host: Self.host, path: "/v2/\(Self.project)/instances/\(Self.instance)",
                headers: Self.getHeaders
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        let noisy = HuaweiAKSKSigner.sign(
            .init(
                method: "GET", host: Self.host, path: "/v2/\(Self.project)/instances/\(Self.instance)",
                headers: [
                    "content-TYPE": "  application/json\t",
                    "x-project-id": " \(Self.project) ",
                    "HOST": "evil.example.com",
                    "x-sdk-date": "19990101T000000Z",
                    "Authorization": "stale",
                    "x_custom_flag": "1",
                ]
            ),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(reference.canonicalRequest.hasPrefix("GET\n"))
        #expect(noisy.canonicalRequest == reference.canonicalRequest)
        #expect(noisy.signature == reference.signature)
        #expect(noisy.signature == HuaweiAKSKSigner.sign(stringToSign: noisy.stringToSign, secret: Self.credentials.secret))
        #expect(Self.wire(noisy) == [
            "Host: dcs.ap-southeast-1.myhuaweicloud.com",
            "X-Sdk-Date: 20240101T000000Z",
            "content-TYPE: application/json",
            "x-project-id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "x_custom_flag: 1",
            "Authorization: \(noisy.authorization)",
        ])
        #expect(!noisy.signedHeaders.contains("authorization"))
        #expect(!noisy.signedHeaders.contains("x_custom_flag"))
    }

    @Test("no session token: no X-Security-Token is sent or signed")
    func permanentCredentialsSendNoToken() {
        let signed = HuaweiAKSKSigner.sign(
            .init(method: "GET", host: Self.host, path: "/v2/p/instances/i", headers: Self.getHeaders),
            credentials: Self.credentials, sdkDate: Self.sdkDate
        )
        #expect(!signed.headers.contains { $0.name.lowercased() == "x-security-token" })
        #expect(!signed.signedHeaders.contains("x-security-token"))
        #expect(signed.headers.last?.name == "Authorization")
    }
}
