import ConnectorKit
import Testing

/// Header names are matched without regard to ASCII case, byte by byte, and only ASCII letters are folded.
@Suite struct HeaderLookupTests {
    let response = InboundResponse(status: 200, headers: [
        ("Content-Type", "application/json"), ("X-Rate-Limit-Remaining", "699"), ("x-rate-limit-remaining", "1"),
        ("Retry-After", "7"), ("X-[Bracket]", "square"), ("Résumé", "accented"),
    ])

    @Test func namesMatchWhateverTheirCaseAndTheFirstMatchWins() {
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("CONTENT-TYPE") == "application/json")
        #expect(response.header("x-rate-limit-remaining") == "699", "the first of two headers with the same name")
        #expect(response.header("retry-after") == "7")
    }

    @Test func onlyWholeNamesWithTheSameLettersMatch() {
        #expect(response.header("content-typ") == nil)
        #expect(response.header("content-types") == nil)
        #expect(response.header("retry_after") == nil)
        #expect(response.header("") == nil)
        // "[" and "{" differ by the same bit as "A" and "a", but they are not letters.
        #expect(response.header("x-{bracket}") == nil)
        #expect(response.header("x-[BRACKET]") == "square")
        // Outside ASCII nothing is folded.
        #expect(response.header("Résumé") == "accented")
        #expect(response.header("RÉSUMÉ") == nil)
        #expect(response.header("résumé") == "accented", "ASCII letters fold; the accented ones are identical here")
    }
}
