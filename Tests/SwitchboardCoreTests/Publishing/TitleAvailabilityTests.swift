import Testing

@testable import SwitchboardCore

@Suite struct TitleAvailabilityTests {
    @Test(arguments: [
        // Reference §5 examples.
        ("04", "20", nil, "available"),
        ("04", "21", nil, "available"),
        ("02", "10", "20270301", "forthcoming — 2027-03-01"),
        ("07", "51", nil, "out of print"),
        ("04", "31", nil, "temporarily out of stock"),
        ("04", "32", nil, "temporarily out of stock"),
        // Decisive statuses win over List 65.
        ("01", "21", nil, "cancelled"),
        ("03", "10", "20270301", "postponed indefinitely"),
        ("16", "21", nil, "temporarily withdrawn from sale"),
        ("17", nil, nil, "out of print"),
        ("15", "21", nil, "recalled"),
        ("11", nil, nil, "withdrawn from sale"),
        ("13", "21", nil, "not sold separately"),
        // Availability refines active, forthcoming and unclear statuses.
        ("02", "11", "2027-03-01", "forthcoming — 2027-03-01"),
        ("04", "11", nil, "awaiting stock"),
        ("02", "21", "20270301", "available"),
        ("02", "09", nil, "postponed indefinitely"),
        ("02", "01", nil, "cancelled"),
        ("04", "22", nil, "available to order"),
        ("04", "23", nil, "available (print on demand)"),
        ("04", "44", nil, "available direct from the publisher"),
        ("04", "51", nil, "out of print"),
        ("00", "21", nil, "available"),
        ("42", "30", nil, "temporarily unavailable"),
        // No or uninformative availability: the status alone.
        ("04", nil, nil, "available"),
        ("04", "99", nil, "available"),
        ("02", nil, "202703", "forthcoming — 2027-03"),
        ("02", nil, nil, "forthcoming"),
        ("02", nil, "  ", "forthcoming"),
        ("02", "97", "Spring 2027", "forthcoming — Spring 2027"),
        ("00", nil, nil, "availability unknown"),
        ("09", nil, nil, "availability unknown"),
        ("42", "77", nil, "availability unknown"),
    ] as [(String, String?, String?, String)])
    func summaries(_ status: String, _ availability: String?, _ date: String?, _ expected: String) {
        let summary = TitleAvailability.summary(
            status: PublishingStatus(code: status), availability: availability.map(ProductAvailability.init(code:)), publicationDate: date)
        #expect(summary == expected, "status \(status), availability \(availability ?? "nil")")
    }

    @Test func everyCombinationHasAnAnswer() {
        let codes = (0...99).map { $0 < 10 ? "0\($0)" : "\($0)" }
        for status in codes {
            for availability in [nil] + codes {
                let summary = TitleAvailability.summary(
                    status: PublishingStatus(code: status), availability: availability.map(ProductAvailability.init(code:)),
                    publicationDate: "20270301")
                #expect(!summary.isEmpty)
            }
        }
    }
}
