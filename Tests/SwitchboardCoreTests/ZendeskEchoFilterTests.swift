import SwitchboardCore
import Testing

/// The echo rule of profile sync with Zendesk users: versions carry only what changed in Zendesk, the values
/// Switchboard pushed (or Zendesk's form of them) are dropped as echoes, and pushes are settled by the first version
/// at or after them.
@Suite struct ZendeskEchoFilterTests {
    let pushedAt: Int64 = 1_000

    @Test func onlyFieldsThatChangedInZendeskAreCarried() {
        let previous: [ProfileField: String] = [.name: "Ada", .email: "ada@example.com", .phone: "+447700900123"]
        let current: [ProfileField: String] = [.name: "Ada L", .email: "ada@example.com", .phone: "+447700900123", .locale: "en-GB"]
        #expect(ZendeskEchoFilter.changes(previous: previous, current: current) == [.name: "Ada L", .locale: "en-GB"])
        #expect(ZendeskEchoFilter.changes(previous: nil, current: current) == current, "the first version seen carries everything")
        #expect(ZendeskEchoFilter.changes(previous: previous, current: [.name: "Ada"]).isEmpty, "a value Zendesk lost is not a change")
    }

    @Test func thePushedValueComingBackIsAnEchoAndSettlesThePush() {
        let push = ZendeskPush(field: .name, value: "Ada Directory", pushedAt: pushedAt, userUpdatedAt: 1_002, state: .sent)
        let outcome = ZendeskEchoFilter.filter(changes: [.name: "Ada Directory", .locale: "de-DE"], version: 1_002, pushes: [push])
        #expect(outcome.kept == [.locale: "de-DE"], "a real change in the same version still flows in")
        #expect(outcome.echoed == [.name])
        #expect(outcome.settled.map(\.state) == [.echoed])
    }

    @Test func zendesksOwnFormOfThePushedValueIsAnEchoToo() {
        let push = ZendeskPush(field: .timeZone, value: "Europe/London", acceptedValue: "London", pushedAt: pushedAt, userUpdatedAt: 1_001, state: .sent)
        let outcome = ZendeskEchoFilter.filter(changes: [.timeZone: "London"], version: 1_001, pushes: [push])
        #expect(outcome.kept.isEmpty)
        #expect(outcome.echoed == [.timeZone])
    }

    @Test func aDifferentValueAfterThePushIsARealChangeAndSupersedesIt() {
        let push = ZendeskPush(field: .name, value: "Ada Directory", pushedAt: pushedAt, userUpdatedAt: 1_002, state: .sent)
        let outcome = ZendeskEchoFilter.filter(changes: [.name: "Ada Lovelace"], version: 1_010, pushes: [push])
        #expect(outcome.kept == [.name: "Ada Lovelace"])
        #expect(outcome.echoed.isEmpty)
        #expect(outcome.settled.map(\.state) == [.superseded])
    }

    @Test func aVersionFromBeforeThePushLeavesItOpen() {
        let push = ZendeskPush(field: .name, value: "Ada Directory", pushedAt: pushedAt, userUpdatedAt: 1_002, state: .sent)
        let outcome = ZendeskEchoFilter.filter(changes: [.name: "Ada Old"], version: 1_001, pushes: [push])
        #expect(outcome.kept == [.name: "Ada Old"])
        #expect(outcome.settled.isEmpty, "its echo is still to come")
    }

    @Test func aVersionAfterThePushThatDoesNotTouchTheFieldSettlesIt() {
        let push = ZendeskPush(field: .phone, value: "+447700900123", pushedAt: pushedAt, userUpdatedAt: 1_002, state: .sent)
        let outcome = ZendeskEchoFilter.filter(changes: [.name: "Ada"], version: 1_003, pushes: [push])
        #expect(outcome.kept == [.name: "Ada"])
        #expect(outcome.settled.map(\.state) == [.echoed])
    }

    @Test func aPushWhoseAnswerWasLostIsJudgedByItsOwnTimeWithTolerance() {
        let push = ZendeskPush(field: .name, value: "Ada Directory", pushedAt: pushedAt, state: .sending)
        let early = ZendeskEchoFilter.filter(changes: [.name: "Ada Directory"], version: pushedAt - ZendeskEchoFilter.clockTolerance - 1, pushes: [push])
        #expect(early.settled.isEmpty)
        let late = ZendeskEchoFilter.filter(changes: [.name: "Ada Directory"], version: pushedAt - 10, pushes: [push])
        #expect(late.kept.isEmpty)
        #expect(late.echoed == [.name])
    }

    @Test func settledPushesAreIgnored() {
        for state in [ZendeskPush.State.echoed, .superseded] {
            let push = ZendeskPush(field: .name, value: "Ada Directory", pushedAt: pushedAt, userUpdatedAt: 1_002, state: state)
            let outcome = ZendeskEchoFilter.filter(changes: [.name: "Ada Directory"], version: 1_005, pushes: [push])
            #expect(outcome.kept == [.name: "Ada Directory"], "after its echo, the same value again is a real Zendesk change")
            #expect(outcome.settled.isEmpty)
        }
    }

    @Test func onlyFieldsZendeskUsersHoldArePushed() {
        #expect(ZendeskUserFields.pushed == [.name, .phone, .locale, .timeZone])
        #expect(ZendeskUserFields.attribute(.timeZone) == "time_zone")
        for field in [ProfileField.email, .externalID, .organization, .firstName, .lastName, .jobTitle, .notes] {
            #expect(!ZendeskUserFields.isPushed(field), "\(field) is not pushed")
        }
    }
}
