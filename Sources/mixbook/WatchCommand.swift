import ArgumentParser
import Foundation
import Notebook

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-render notebooks whenever a notebook, a data file or a template is saved (Ctrl-C stops).")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Seconds between looks at the files.")
    var interval: Double = 0.5

    func run() throws {
        let toolchain = try Toolchain.locate()
        let options = try site.renderOptions(force: false)
        let renderer = SiteRenderer(toolchain: toolchain, options: options)
        let templates = site.template ?? toolchain.root + "/Templates"
        var last = FileSnapshot()
        print("watching notebooks/, notebooks/data/ and \(templates); Ctrl-C stops")
        while true {
            let paths = try site.notebookPaths()
            let now = FileSnapshot.take(folders: FileSnapshot.watchedFolders(notebooks: paths, templates: templates))
            if !now.changedPaths(since: last).isEmpty {
                last = now
                do {
                    let start = Date()
                    let outcomes = try renderer.render(paths)
                    _ = report(outcomes, seconds: Date().timeIntervalSince(start), quiet: site.quiet)
                } catch {
                    FileHandle.standardError.write(Data("\(error)\n".utf8))
                }
            }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
