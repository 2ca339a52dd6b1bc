import Foundation
import SwitchboardCore
import SwitchboardStore

/// What importing a contact list did: nothing, with every problem (a list is imported whole or not at all), or the
/// counts of what changed.
public struct ContactImportReport: Sendable, Equatable {
    /// Rows read without a problem.
    public var rowCount: Int
    /// Every bad row and header field, in line order; empty when the list was imported.
    public var problems: [ContactsCSVProblem]
    /// What the import wrote; `nil` when there were problems and nothing was written.
    public var summary: ContactImportSummary?

    public init(rowCount: Int, problems: [ContactsCSVProblem], summary: ContactImportSummary?) {
        self.rowCount = rowCount
        self.problems = problems
        self.summary = summary
    }

    public var succeeded: Bool { problems.isEmpty && summary != nil }
}
