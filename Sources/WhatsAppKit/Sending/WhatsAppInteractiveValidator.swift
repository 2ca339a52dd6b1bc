import Foundation

/// Meta's limits for interactive messages (reference §1.7), checked before sending.
///
/// Exists because Meta answers a broken interactive message with a bare 131009/100; checking here names the
/// field and the limit, and no request is spent.
public enum WhatsAppInteractiveValidator {
    public static let maxButtons = 3
    public static let maxButtonTitle = 20
    public static let maxButtonID = 256
    public static let maxBody = 1024
    public static let maxHeaderText = 60
    public static let maxFooter = 60
    public static let maxListButton = 20
    public static let maxSections = 10
    public static let maxRows = 10
    public static let maxSectionTitle = 24
    public static let maxRowID = 200
    public static let maxRowTitle = 24
    public static let maxRowDescription = 72

    /// Throws every broken limit at once.
    public static func validate(_ interactive: WhatsAppInteractive) throws(WhatsAppValidationError) {
        var collector = ValidationCollector()
        check(interactive, into: &collector)
        try collector.finish()
    }

    static func check(_ interactive: WhatsAppInteractive, into collector: inout ValidationCollector) {
        switch interactive {
        case .replyButtons(let message):
            checkFrame(header: message.header, body: message.body, footer: message.footer, into: &collector)
            collector.count("interactive.action.buttons", message.buttons.count, minimum: 1, maximum: maxButtons)
            var ids = Set<String>(), titles = Set<String>()
            for (index, button) in message.buttons.enumerated() {
                let path = "interactive.action.buttons[\(index)].reply"
                collector.required(path + ".id", button.id, limit: maxButtonID)
                if button.id != button.id.trimmingCharacters(in: .whitespacesAndNewlines) { collector.add(path + ".id", .surroundingWhitespace) }
                if !ids.insert(button.id).inserted { collector.add(path + ".id", .duplicate(button.id)) }
                collector.required(path + ".title", button.title, limit: maxButtonTitle)
                if !titles.insert(button.title).inserted { collector.add(path + ".title", .duplicate(button.title)) }
            }
        case .list(let message):
            checkFrame(header: message.header.map(WhatsAppInteractiveHeader.text), body: message.body, footer: message.footer, into: &collector)
            collector.required("interactive.action.button", message.buttonTitle, limit: maxListButton)
            collector.count("interactive.action.sections", message.sections.count, minimum: 1, maximum: maxSections)
            let totalRows = message.sections.reduce(0) { $0 + $1.rows.count }
            if totalRows > maxRows { collector.add("interactive.action.sections[].rows", .tooMany(maximum: maxRows, actual: totalRows)) }
            var ids = Set<String>()
            for (sectionIndex, section) in message.sections.enumerated() {
                let path = "interactive.action.sections[\(sectionIndex)]"
                if message.sections.count > 1 {
                    collector.required(path + ".title", section.title ?? "", limit: maxSectionTitle)
                } else {
                    collector.optional(path + ".title", section.title, limit: maxSectionTitle)
                }
                if section.rows.isEmpty { collector.add(path + ".rows", .tooFew(minimum: 1, actual: 0)) }
                for (rowIndex, row) in section.rows.enumerated() {
                    let rowPath = path + ".rows[\(rowIndex)]"
                    collector.required(rowPath + ".id", row.id, limit: maxRowID)
                    if !ids.insert(row.id).inserted { collector.add(rowPath + ".id", .duplicate(row.id)) }
                    collector.required(rowPath + ".title", row.title, limit: maxRowTitle)
                    collector.optional(rowPath + ".description", row.description, limit: maxRowDescription)
                }
            }
        }
    }

    private static func checkFrame(header: WhatsAppInteractiveHeader?, body: String, footer: String?, into collector: inout ValidationCollector) {
        switch header {
        case .text(let text)?: collector.required("interactive.header.text", text, limit: maxHeaderText)
        case .image(let source)?: collector.link("interactive.header.image", source)
        case .video(let source)?: collector.link("interactive.header.video", source)
        case .document(let source)?: collector.link("interactive.header.document", source)
        case nil: break
        }
        collector.required("interactive.body.text", body, limit: maxBody)
        collector.optional("interactive.footer.text", footer, limit: maxFooter)
    }
}
