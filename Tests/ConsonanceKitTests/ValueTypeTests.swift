import ConnectorKit
import Foundation
import Testing
@testable import ConsonanceKit

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDays() throws {
        let date = try #require(CalendarDate(string: "2024-02-29"))
        #expect((date.year, date.month, date.day) == (2024, 2, 29))
        #expect(date.description == "2024-02-29")
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "2024-04-31", "20240301", "", "2024-03-05T10:00:00Z"] {
            #expect(CalendarDate(string: bad) == nil, "\(bad)")
        }
        #expect(CalendarDate(lenient: "2024-03-05T10:00:00Z") == CalendarDate(year: 2024, month: 3, day: 5))
        #expect(CalendarDate(lenient: " 2024-03-05 ") == CalendarDate(year: 2024, month: 3, day: 5))
    }

    @Test func ordersAndHashesByDay() throws {
        let a = try #require(CalendarDate("2023-12-31"))
        let b = try #require(CalendarDate("2024-01-01"))
        #expect(a < b)
        #expect(Set([a, b, CalendarDate("2024-01-01")!]).count == 2)
        #expect([b, a].sorted() == [a, b])
    }

    @Test func codableAsTheString() throws {
        let date = try #require(CalendarDate("2018-03-20"))
        let encoded = String(decoding: try JSONEncoder().encode([date]), as: UTF8.self)
        #expect(encoded == #"["2018-03-20"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: Data(encoded.utf8)) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["March"]"#.utf8)) }
    }

    @Test func convertsThroughMidnightUTC() throws {
        let date = try #require(CalendarDate("2024-03-05"))
        #expect(date.date == Date(timeIntervalSince1970: 1_709_596_800))
        #expect(CalendarDate(Date(timeIntervalSince1970: 1_709_596_800 + 86_399)) == date)
        #expect(CalendarDate(Date(timeIntervalSince1970: 1_709_596_800 - 1)) == CalendarDate("2024-03-04"))
        #expect(CalendarDate(Date(timeIntervalSince1970: 0)) == CalendarDate("1970-01-01"))
        #expect(CalendarDate(Date(timeIntervalSince1970: -1)) == CalendarDate("1969-12-31"))
    }

    @Test func addsDaysAcrossMonthsAndYears() throws {
        #expect(CalendarDate("2024-03-01")!.adding(days: -1) == CalendarDate("2024-02-29"))
        #expect(CalendarDate("2024-01-01")!.adding(days: -1) == CalendarDate("2023-12-31"))
        #expect(CalendarDate("2023-12-31")!.adding(days: 1) == CalendarDate("2024-01-01"))
        #expect(CalendarDate("2024-03-05")!.adding(days: 365) == CalendarDate("2025-03-05"))
    }
}

@Suite struct ONIXTests {
    @Test func underscoreIsStrippedOnceAndAddedForDigitCodes() {
        #expect(ONIXCode.code(fromEnumValue: "_02") == "02")
        #expect(ONIXCode.code(fromEnumValue: "_04") == "04")
        #expect(ONIXCode.code(fromEnumValue: "BB") == "BB")
        #expect(ONIXCode.code(fromEnumValue: "__7") == "_7")
        #expect(ONIXCode.enumValue(forCode: "02") == "_02")
        #expect(ONIXCode.enumValue(forCode: "00") == "_00")
        #expect(ONIXCode.enumValue(forCode: "BB") == "BB")
        #expect(ONIXCode.enumValue(forCode: "A01") == "A01")
        #expect(ONIXCode.enumValue(forCode: "_02") == "_02")
    }

    @Test func productFormsMapFromONIX21ToONIX30() {
        let expected: [(String, String)] = [
            ("BB", "BB"), ("BC", "BC"), ("AJ", "AJ"), ("_00", "00"), ("VI", "VI"), ("VF", "VF"),
            ("DG", "ED"), ("DH", "EC"), ("DD", "DI"), ("FB", "FA"),
            ("VB", "VJ"), ("VC", "VJ"), ("VG", "VJ"), ("VD", "VK"), ("VE", "VK"), ("VH", "VK"),
            ("WW", "SA"), ("WX", "SA"), ("DA", "DA"),
        ]
        for (code, onix30) in expected {
            #expect(ONIX21ProductForm(code: code, productTypename: "PhysicalProduct").onix30Code == onix30, "\(code)")
        }
        let dg = ONIX21ProductForm(code: "DG")
        #expect(dg.code == "DG")
        #expect(dg.onix30Code == "ED")
        #expect(dg.differsInONIX30)
        #expect(!ONIX21ProductForm(code: "BB").differsInONIX30)
        #expect(ONIX21ProductForm(code: "DA").differsInONIX30)
        #expect(ONIX21ProductForm(code: "_00").enumValue == "_00")
    }

    @Test func ambiguousFormsFollowTheProductType() {
        #expect(ONIX21ProductForm(code: "DD", productTypename: "PhysicalVideoProduct").onix30Code == "VI")
        #expect(ONIX21ProductForm(code: "DD", productTypename: "PhysicalAudioProduct").onix30Code == "AI")
        #expect(ONIX21ProductForm(code: "DD", productTypename: "PhysicalProduct").onix30Code == "DI")
        #expect(ONIX21ProductForm(code: "DD").onix30Code == "DI")
        #expect(ONIX21ProductForm(code: "DA", productTypename: "ElectronicProduct").onix30Code == "EA")
        #expect(ONIX21ProductForm(code: "DA", productTypename: "GenericProduct").onix30Code == "DA")
    }
}

@Suite struct ConfigurationTests {
    @Test func descriptionsNeverPrintTheKey() {
        let configuration = ConsonanceConfiguration(host: "https://books.example.com//", apiKey: testKey)
        #expect(configuration.host == "https://books.example.com")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), "\(configuration)", dumped] {
            #expect(!text.contains(testKey))
        }
        #expect(dumped.contains("books.example.com"))
    }

    @Test func hostsAreValidated() throws {
        #expect(try ConsonanceConfiguration.host(url: "https://web.consonance.app/works/12") == "https://web.consonance.app")
        #expect(try ConsonanceConfiguration.host(url: "http://127.0.0.1:8090") == "http://127.0.0.1:8090")
        #expect(throws: ConsonanceConfigurationError.self) { try ConsonanceConfiguration.host(url: "web.consonance.app") }
        #expect(ConsonanceConfiguration(apiKey: testKey, maxConcurrentRequests: 0).maxConcurrentRequests == 1)
    }
}
