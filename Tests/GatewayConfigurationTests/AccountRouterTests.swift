import GatewayConfiguration
import GatewayCore
import Testing

@Suite struct AccountRouterTests {
    private func account(_ name: String, _ instances: [String]) -> AccountSettings {
        AccountSettings(
            name: name, provider: .tencent, region: "ap-guangzhou",
            credentials: CredentialReferences(id: .environment("ID"), secret: .environment("SECRET")),
            instances: instances
        )
    }

    @Test func exactIdBeatsAPatternOfAnEarlierAccount() {
        let router = AccountRouter(accounts: [account("wide", ["crs-*"]), account("pinned", ["crs-abc"])])
        #expect(router.route("crs-abc")?.name == "pinned")
        #expect(router.route("crs-other")?.name == "wide")
    }

    @Test func firstMatchingPatternWinsInFileOrder() {
        let router = AccountRouter(accounts: [account("first", ["crs-a*"]), account("second", ["crs-*"]), account("all", ["*"])])
        #expect(router.route("crs-aaa")?.name == "first")
        #expect(router.route("crs-bbb")?.name == "second")
        #expect(router.route("r-123")?.name == "all")
    }

    @Test func noMatchIsNil() {
        let router = AccountRouter(accounts: [account("tc", ["crs-*", "exact-1"])])
        #expect(router.route("r-123") == nil)
        #expect(router.route("exact-12") == nil)
        #expect(router.route("") == nil)
        #expect(AccountRouter(accounts: []).route("crs-1") == nil)
    }

    @Test func questionMarkMatchesOneCharacter() {
        let router = AccountRouter(accounts: [account("q", ["crs-??"]), account("star", ["*-x*y"])])
        #expect(router.route("crs-ab")?.name == "q")
        #expect(router.route("crs-a") == nil)
        #expect(router.route("crs-abc") == nil)
        #expect(router.route("a-xzzy")?.name == "star")
        #expect(router.route("a-xy")?.name == "star")
        #expect(router.route("a-xyz") == nil)
    }

    @Test func matchingIsCaseSensitive() {
        let router = AccountRouter(accounts: [account("tc", ["crs-*"])])
        #expect(router.route("CRS-1") == nil)
    }
}
