import Testing
import WhatsAppKit

@Suite struct GraphAPIVersionTests {
    @Test func normalisesAMissingLeadingV() {
        #expect(GraphAPIVersion("21.0").rawValue == "v21.0")
        #expect(GraphAPIVersion("v23.0") == .default)
    }
}
