/// ONIX codes as Consonance's GraphQL API shows them: enum values with a leading underscore when the code starts
/// with a digit (`_04`), and companion `ONIXCode` objects with a short description.
enum ONIXCodes {
    /// The ONIX code of an enum value: one leading underscore stripped (`_04` → `04`, `BB` → `BB`).
    static func code(_ enumValue: String) -> String {
        enumValue.hasPrefix("_") ? String(enumValue.dropFirst()) : enumValue
    }

    /// The GraphQL enum value of a code (`04` → `_04`).
    static func enumValue(_ code: String) -> String {
        guard let first = code.first, first.isNumber else { return code }
        return "_" + code
    }

    /// The `ONIXCode` object: `code` is the ONIX code (`04`), `value` the enum value (`_04`).
    static func object(_ code: String, list: Int) -> [String: any Sendable] {
        let descriptions: [String: String]
        switch list {
        case 64: descriptions = publishingStatus
        case 7: descriptions = productForm21
        case 17: descriptions = contributorRole
        default: descriptions = [:]
        }
        return graphQLObject([
            "code": code, "value": enumValue(code), "description": descriptions[code], "notes": nil,
            "isDeprecated": list == 64 && code == "12", "codeList": list,
        ])
    }

    static let publishingStatus: [String: String] = [
        "00": "Unspecified", "01": "Cancelled", "02": "Forthcoming", "03": "Postponed indefinitely", "04": "Active",
        "05": "No longer our product", "06": "Out of stock indefinitely", "07": "Out of print", "08": "Inactive",
        "09": "Unknown", "10": "Remaindered", "11": "Withdrawn from sale", "12": "Recalled", "13": "Active, but not sold separately",
        "15": "Recalled", "16": "Temporarily withdrawn from sale", "17": "Permanently withdrawn from sale",
        "18": "Active, but not sold as set",
    ]

    static let productForm21: [String: String] = [
        "00": "Undefined", "AA": "Audio", "AB": "Audio cassette", "AC": "CD-Audio", "AD": "DAT", "AE": "Audio disc",
        "AF": "Audio tape", "AG": "MiniDisc", "AH": "CD-Extra", "AI": "DVD Audio", "AJ": "Downloadable audio file",
        "AK": "Pre-recorded digital audio player", "AL": "Pre-recorded SD card", "AZ": "Other audio format",
        "BA": "Book", "BB": "Hardback", "BC": "Paperback / softback", "BD": "Loose-leaf", "BE": "Spiral bound",
        "BF": "Pamphlet", "BG": "Leather / fine binding", "BH": "Board book", "BI": "Rag book", "BJ": "Bath book",
        "BK": "Novelty book", "BL": "Slide bound", "BM": "Big book", "BN": "Part-work (fascículo)",
        "BO": "Fold-out book or chart", "BP": "Foam book", "BZ": "Other book format", "DA": "Digital",
        "DB": "CD-ROM", "DC": "CD-I", "DD": "DVD", "DE": "Game cartridge", "DF": "Diskette",
        "DG": "Electronic book text", "DH": "Online resource", "DI": "DVD-ROM", "DJ": "Secure Digital (SD) Memory Card",
        "DK": "Compact Flash Memory Card", "DL": "Memory Stick Memory Card", "DM": "USB Flash Drive",
        "DN": "Double-sided CD/DVD", "DZ": "Other digital", "FB": "Film", "VA": "Video", "WW": "Mixed media product",
        "WX": "Multiple copy pack", "XX": "Trade-only material", "ZZ": "Other merchandise",
    ]

    static let contributorRole: [String: String] = [
        "A01": "By (author)", "A02": "With", "A06": "By (composer)", "A07": "By (artist)", "A08": "By (photographer)",
        "A09": "Created by", "A12": "Illustrated by", "A13": "Photographs by", "A14": "Text by", "A15": "Preface by",
        "A19": "Afterword by", "A22": "Epilogue by", "A23": "Foreword by", "A24": "Introduction by",
        "A29": "Introduction and notes by", "A32": "Contributions by", "A34": "Index by", "A36": "Cover design or artwork by",
        "A38": "Original author", "A99": "Other primary creator", "B01": "Edited by", "B02": "Revised by",
        "B03": "Retold by", "B04": "Abridged by", "B05": "Adapted by", "B06": "Translated by", "B09": "Series edited by",
        "B10": "Edited and translated by", "B11": "Editor-in-chief", "B13": "Volume editor", "B21": "General editor",
        "B99": "Other adaptation by", "C01": "Compiled by", "C02": "Selected by", "E03": "Narrator", "E07": "Read by",
        "Z01": "Assisted by", "Z98": "(Various roles)", "Z99": "Other",
    ]
}
