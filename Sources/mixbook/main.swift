import ArgumentParser

/// `mixbook`: render markdown notebooks with Swift cells into static HTML reports.
struct Mixbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixbook",
        abstract: "Render markdown notebooks with Swift cells into static HTML reports.",
        subcommands: [RenderCommand.self, CheckCommand.self, NewCommand.self, WatchCommand.self, FitCommand.self, SampleCommand.self],
        defaultSubcommand: nil)
}

Mixbook.main()
