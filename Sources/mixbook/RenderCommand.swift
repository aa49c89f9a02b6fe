import ArgumentParser
import Foundation
import Notebook

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render notebooks into HTML reports (output/NAME.html, output/NAME/fig-N-HASH.png, output/index.html).")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Ignore the cache: compile and run every notebook.")
    var force = false

    func run() throws {
        try runReportingErrors {
            let renderer = SiteRenderer(toolchain: try Toolchain.locate(), options: try site.renderOptions(force: force))
            let start = Date()
            let outcomes = try renderer.render(try site.notebookPaths())
            if !report(outcomes, seconds: Date().timeIntervalSince(start), quiet: site.quiet) { throw ExitCode.failure }
        }
    }
}
