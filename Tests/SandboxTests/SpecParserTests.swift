import Testing
@testable import Sandbox

@Suite struct SpecParserTests {
    @Test func rate_limit_specs_parse() throws {
        #expect(try RateLimitSpec(parsing: "account=700/60s,export=10/60s") == .zendeskDefault)
        #expect(try RateLimitSpec(parsing: "none") == .unlimited)
        let custom = try RateLimitSpec(parsing: " account=5/500ms , export=none ")
        #expect(custom.account == .init(limit: 5, period: .milliseconds(500)))
        #expect(custom.export == nil)
        #expect(try RateLimitSpec(parsing: "export=30/1m").export == .init(limit: 30, period: .seconds(60)))
        #expect(try RateLimitSpec(parsing: "export=30/1m").account == RateLimitSpec.zendeskDefault.account)
    }

    @Test func rate_limit_errors_name_the_bad_part() {
        let cases: [(String, String)] = [
            ("account=700", "'account=700'"),
            ("acount=700/60s", "'acount'"),
            ("account=lots/60s", "'lots'"),
            ("account=700/60x", "'60x'"),
            ("account", "'account'"),
            ("", "empty"),
        ]
        for (text, fragment) in cases {
            #expect {
                _ = try RateLimitSpec(parsing: text)
            } throws: { error in
                (error as? SpecParseError)?.description.contains(fragment) == true
            }
        }
    }

    @Test func fault_mixes_parse() throws {
        let mix = try FaultMix(parsing: "5xx=0.1,429=0.05,reset=0.02,truncate=0.01,slow=0.02,slow-delay=2s")
        #expect(mix.serverError == 0.1 && mix.tooManyRequests == 0.05 && mix.connectionReset == 0.02)
        #expect(mix.truncatedBody == 0.01 && mix.slowResponse == 0.02 && mix.slowDelay == .seconds(2))
        let specific = try FaultMix(parsing: "500=0.2,503=0.3")
        #expect(specific.internalServerError == 0.2 && specific.serviceUnavailable == 0.3)
        #expect(try FaultMix(parsing: "none") == .none)
        #expect(try FaultMix(parsing: "") == .none)
        #expect(FaultMix.none.slowDelay == .milliseconds(1500))
    }

    @Test func fault_mix_errors_name_the_bad_part() {
        let cases: [(String, String)] = [
            ("explode=0.1", "'explode'"),
            ("5xx=2", "'2'"),
            ("5xx=-0.1", "'-0.1'"),
            ("slow-delay=soon", "'soon'"),
            ("reset", "'reset'"),
            ("5xx=0.6,429=0.6", "more than 1"),
        ]
        for (text, fragment) in cases {
            #expect {
                _ = try FaultMix(parsing: text)
            } throws: { error in
                (error as? SpecParseError)?.description.contains(fragment) == true
            }
        }
    }
}
