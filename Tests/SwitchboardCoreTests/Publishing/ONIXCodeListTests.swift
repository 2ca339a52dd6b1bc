import Foundation
import Testing

@testable import SwitchboardCore

@Suite struct ONIXCodeListTests {
    // MARK: List 64

    @Test func publishingStatusCodesRoundTrip() {
        for number in 0...99 {
            let code = number < 10 ? "0\(number)" : "\(number)"
            let status = PublishingStatus(code: code)
            #expect(status.code == code)
            #expect(PublishingStatus(code: status.code) == status)
            #expect(!status.label.isEmpty)
        }
        #expect(PublishingStatus(code: "04") == .active)
        #expect(PublishingStatus(code: " 4 ") == .active)
        #expect(PublishingStatus(code: "14") == .unknown("14"))
        #expect(PublishingStatus(code: "ZZ").code == "ZZ")
        #expect(PublishingStatus(code: "ZZ").label == "status ZZ")
        #expect(PublishingStatus(code: "").code == "")
        #expect(PublishingStatus(code: "07").label == "out of print")
        #expect(PublishingStatus(code: "09") == .statusUnknown)
    }

    @Test func publishingStatusQuestions() {
        let cancelledOrPostponed = (0...18).map { $0 < 10 ? "0\($0)" : "\($0)" }.filter { PublishingStatus(code: $0).isCancelledOrPostponed }
        #expect(cancelledOrPostponed == ["01", "03"])
        let delayed = (0...18).map { $0 < 10 ? "0\($0)" : "\($0)" }.filter { PublishingStatus(code: $0).isDelayed }
        #expect(delayed == ["03", "16"])
        #expect(PublishingStatus.active.isActive && PublishingStatus(code: "13").isActive && PublishingStatus(code: "18").isActive)
        #expect(PublishingStatus(code: "07").isNoLongerAvailable && !PublishingStatus(code: "04").isNoLongerAvailable)
    }

    @Test func codableKeepsCodes() throws {
        let values: [PublishingStatus] = [.forthcoming, .unknown("42")]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self) == #"["02","42"]"#)
        #expect(try JSONDecoder().decode([PublishingStatus].self, from: data) == values)
        let forms = try JSONEncoder().encode([ProductForm.hardback, ProductForm(code: "xy")])
        #expect(String(decoding: forms, as: UTF8.self) == #"["BB","XY"]"#)
        let availability = try JSONEncoder().encode([ProductAvailability.inStock])
        #expect(String(decoding: availability, as: UTF8.self) == #"["21"]"#)
        let roles = try JSONEncoder().encode([ContributorRole.translator])
        #expect(String(decoding: roles, as: UTF8.self) == #"["B06"]"#)
    }

    // MARK: List 65

    @Test(arguments: [
        ("01", ProductAvailability.Bucket.gone), ("09", .notYet), ("10", .notYet), ("11", .notYet), ("12", .notYet),
        ("20", .available), ("21", .available), ("22", .available), ("23", .available),
        ("30", .temporary), ("31", .temporary), ("32", .temporary), ("33", .temporary), ("34", .temporary),
        ("40", .gone), ("41", .gone), ("42", .gone), ("43", .gone), ("44", .other), ("45", .other), ("46", .gone), ("47", .gone),
        ("48", .other), ("49", .gone), ("50", .other), ("51", .gone), ("52", .gone),
        ("97", .unknown), ("98", .unknown), ("99", .unknown), ("53", .unknown), ("", .unknown),
    ])
    func availabilityBuckets(_ code: String, _ bucket: ProductAvailability.Bucket) {
        let availability = ProductAvailability(code: code)
        #expect(availability.bucket == bucket, "code \(code)")
        #expect(availability.code == code)
        #expect(!availability.label.isEmpty)
    }

    // MARK: List 150

    @Test(arguments: [
        ("BB", FormatFamily.hardback, "Hardback"), ("BC", .paperback, "Paperback"), ("BA", .print, "Book"),
        ("BZ", .print, "Book (other format)"), ("BH", .print, "Board book"), ("BI", .print, "Print book"),
        ("ED", .ebook, "Ebook"), ("EA", .ebook, "Ebook"), ("EB", .ebook, "Ebook (download and online)"), ("EC", .ebook, "Ebook (online)"),
        ("AJ", .audiobook, "Audiobook download"), ("AC", .audiobook, "Audio CD"), ("AA", .audiobook, "Audiobook"),
        ("AB", .audiobook, "Audiobook"), ("DA", .other, "Digital (on physical carrier)"), ("DG", .other, "Other format"),
        ("PC", .other, "Calendar"), ("ZZ", .other, "Other merchandise"), ("00", .other, "Undefined format"), ("", .other, "Other format"),
        (" bb ", .hardback, "Hardback"),
    ])
    func productForms(_ code: String, _ family: FormatFamily, _ label: String) {
        let form = ProductForm(code: code)
        #expect(form.family == family, "code \(code)")
        #expect(form.label == label, "code \(code)")
    }

    @Test func productFormDetailLabels() {
        #expect(ProductForm(code: "ED").label(details: ["E101"]) == "EPUB ebook")
        #expect(ProductForm(code: "ED").label(details: ["E200", "E107"]) == "PDF ebook")
        #expect(ProductForm(code: "EA").label(details: ["E116"]) == "Kindle ebook")
        #expect(ProductForm(code: "AJ").label(details: ["A103"]) == "MP3 audiobook download")
        #expect(ProductForm(code: "AC").label(details: ["A103"]) == "MP3 audiobook")
        #expect(ProductForm(code: "BC").label(details: ["B102"]) == "Trade paperback")
        #expect(ProductForm(code: "BC").label(details: ["B101"]) == "Mass-market paperback")
        #expect(ProductForm(code: "BB").label(details: ["E101"]) == "Hardback")
        #expect(ProductForm(code: "ED").label(details: []) == "Ebook")
    }

    // MARK: List 17

    @Test(arguments: [
        ("A01", "author", ContributorRole.Group.creator), ("A12", "illustrator", .creator), ("B06", "translator", .editing),
        ("B01", "editor", .editing), ("C01", "compiler", .compilation), ("E07", "read by", .performance),
        ("E03", "narrator", .performance), ("Z99", "other", .other), ("A02", "with", .creator),
        ("A50", "creator", .creator), ("B50", "editor", .editing), ("D01", "director", .direction), ("F01", "recording", .recording),
        ("Q01", "contributor", .other), ("a01", "author", .creator),
    ])
    func contributorRoles(_ code: String, _ label: String, _ group: ContributorRole.Group) {
        let role = ContributorRole(code: code)
        #expect(role.label == label, "code \(code)")
        #expect(role.group == group, "code \(code)")
    }

    @Test func contributorRoleKeepsUnknownCodes() {
        #expect(ContributorRole(code: "X42").code == "X42")
        #expect(ContributorRole(code: "A01") == .author)
    }
}
