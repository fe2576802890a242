import Testing
@testable import Simulators

/// The §5 pairing of v2 and legacy codes, and the HTTP status a fault's code is answered with.
@Suite struct HuaweiErrorCodeTests {
    @Test("Legacy codes: 111 + HTTP status + the last three digits (huawei.md §5 pairing rule)")
    func legacyCodes() {
        let pairs: [(String, String)] = [
            ("DCS.4096", "111400096"), ("DCS.4086", "111400086"), ("DCS.4097", "111400097"), ("DCS.4087", "111400087"),
            ("DCS.3022", "111404022"), ("DCS.4001", "111404001"), ("DCS.1002", "111401002"), ("DCS.5000", "111500000"),
            ("DCS.5001", "111405001"), ("DCS.4800", "111400800"), ("APIGW.0301", "APIGW.0301"), ("111400017", "111400017"),
        ]
        for (code, legacy) in pairs {
            #expect(HuaweiAPIError(code, "").legacyCode == legacy, "\(code)")
        }
    }

    @Test("Statuses by code (§5.1, §5.2); unknown codes 400")
    func statuses() {
        let statuses: [(String, Int)] = [
            ("DCS.3022", 404), ("DCS.4119", 400), ("DCS.4096", 400), ("DCS.1004", 401), ("DCS.3003", 403), ("DCS.5001", 405),
            ("DCS.4101", 500), ("DCS.5092", 500), ("APIGW.0101", 404), ("APIGW.0301", 401), ("APIGW.0302", 403),
            ("APIGW.0308", 429), ("APIGW.0610", 502), ("APIGW.0613", 503), ("APIGW.0601", 500), ("111404022", 404),
            ("111500000", 500), ("Whatever", 400),
        ]
        for (code, status) in statuses {
            #expect(HuaweiAPIError.status(of: code) == status, "\(code)")
        }
        #expect(HuaweiAPIError("APIGW.0308", "").layer == .gateway)
        #expect(HuaweiAPIError("DCS.4096", "").layer == .dcs)
    }
}
