import Foundation
import Testing

@testable import SwitchboardCore

@Suite struct WhatsAppPhoneNumberTests {
    @Test(arguments: [
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("+44-20-7946-0958", "+442079460958"),
        ("(+44) 20.7946.0958", "+442079460958"),
        ("  +1 (650) 555-1234 ", "+16505551234"),
        ("+１６５０５５５１２３４", "+16505551234"),
        ("+49 30 901820", "+4930901820"),
        ("+290 1234", "+2901234"),
        ("+123456789012345", "+123456789012345"),
    ])
    func internationalForms(_ input: String, _ expected: String) throws {
        let number = try PhoneNumber(parsing: input)
        #expect(number.e164 == expected)
        #expect(number.waID == String(expected.dropFirst()))
        #expect(number.description == expected)
    }

    @Test func nationalNumbersNeedADefaultCountryCallingCode() throws {
        #expect(try PhoneNumber(parsing: "020 7946 0958", defaultCountryCallingCode: "44").e164 == "+442079460958")
        #expect(try PhoneNumber(parsing: "(020) 7946-0958", defaultCountryCallingCode: "+44").e164 == "+442079460958")
        #expect(try PhoneNumber(parsing: "650 555 1234", defaultCountryCallingCode: "1").e164 == "+16505551234")
        #expect(throws: PhoneNumberError.missingCountryCode("020 7946 0958")) { try PhoneNumber(parsing: "020 7946 0958") }
        #expect(throws: PhoneNumberError.invalidDefaultCountryCallingCode("0044")) {
            try PhoneNumber(parsing: "020 7946 0958", defaultCountryCallingCode: "0044")
        }
        // An international number ignores the default.
        #expect(try PhoneNumber(parsing: "+1 650 555 1234", defaultCountryCallingCode: "44").e164 == "+16505551234")
    }

    @Test func rejectsWhatIsNotAPhoneNumber() {
        #expect(throws: PhoneNumberError.empty) { try PhoneNumber(parsing: "  ") }
        #expect(throws: PhoneNumberError.tooShort("+44 20", digits: 4)) { try PhoneNumber(parsing: "+44 20") }
        #expect(throws: PhoneNumberError.tooLong("+44 20 7946 0958 1234", digits: 16)) { try PhoneNumber(parsing: "+44 20 7946 0958 1234") }
        #expect(throws: PhoneNumberError.invalidCharacter("O", in: "+44 2O 7946 0958")) { try PhoneNumber(parsing: "+44 2O 7946 0958") }
        #expect(throws: PhoneNumberError.misplacedPlus("44+2079460958")) { try PhoneNumber(parsing: "44+2079460958") }
        #expect(throws: PhoneNumberError.countryCodeStartsWithZero("+0 20 7946 0958")) { try PhoneNumber(parsing: "+0 20 7946 0958") }
        #expect(throws: PhoneNumberError.noDigits("+")) { try PhoneNumber(parsing: "+") }
        #expect(PhoneNumber("call me") == nil)
        #expect(PhoneNumber("+44 20 7946 0958 ext 12") == nil)
    }

    @Test func errorMessagesNameTheProblem() {
        let messages: [(String, String)] = [
            ("+44 20", "too short"), ("+44 20 7946 0958 1234", "at most 15"), ("020 7946 0958", "no country code"), ("+44 abc", "a letter \"a\""),
        ]
        for (input, fragment) in messages {
            do {
                _ = try PhoneNumber(parsing: input)
                Issue.record("\(input) was accepted")
            } catch {
                #expect(error.description.contains(fragment), "\(error.description)")
                #expect(error.description.contains(input.trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    @Test func waIDForm() throws {
        #expect(try PhoneNumber(waID: "16505551234").e164 == "+16505551234")
        #expect(throws: PhoneNumberError.invalidCharacter("+", in: "+16505551234")) { try PhoneNumber(waID: "+16505551234") }
        #expect(throws: PhoneNumberError.tooShort("123", digits: 3)) { try PhoneNumber(waID: "123") }
    }

    @Test func equalityCodableAndOrder() throws {
        #expect(try PhoneNumber(parsing: "+44 20 7946 0958") == PhoneNumber(parsing: "0044 (0)20 7946 0958"))
        let encoded = try JSONEncoder().encode([try PhoneNumber(parsing: "+44 20 7946 0958")])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"+442079460958\"]")
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: encoded).first?.e164 == "+442079460958")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PhoneNumber].self, from: Data("[\"12\"]".utf8)) }
        #expect(try PhoneNumber(parsing: "+1 650 555 1234") < PhoneNumber(parsing: "+44 20 7946 0958"))
    }
}
