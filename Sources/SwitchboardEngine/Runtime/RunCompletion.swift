import Foundation

/// A run that reached its end on this node — its last step succeeded, or a step was dead-lettered — reported
/// right after the outcome was committed. For embedders and benchmarks that wait for runs without polling.
public struct RunCompletion: Sendable, Equatable {
    public var runID: String
    public var flow: String
    /// `succeeded` or `failed`.
    public var status: String

    public init(runID: String, flow: String, status: String) {
        self.runID = runID
        self.flow = flow
        self.status = status
    }
}
