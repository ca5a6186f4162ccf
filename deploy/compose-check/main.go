package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

// Usage: composecheck <workdir> <compose-file> [env-file]
func main() {
	opts := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(os.Args[1]), cli.WithOsEnv, cli.WithName("jiceng")}
	if len(os.Args) > 3 {
		opts = append(opts, cli.WithEnvFiles(os.Args[3]), cli.WithDotEnv)
	} else {
		opts = append(opts, cli.WithDotEnv)
	}
	if p := os.Getenv("CHECK_PROFILES"); p != "" {
		opts = append(opts, cli.WithProfiles(strings.Split(p, ",")))
	}
	po, err := cli.NewProjectOptions([]string{os.Args[2]}, opts...)
	if err != nil { fmt.Fprintln(os.Stderr, err); os.Exit(1) }
	p, err := po.LoadProject(context.Background())
	if err != nil { fmt.Fprintln(os.Stderr, "INVALID:", err); os.Exit(1) }
	out, err := p.MarshalYAML()
	if err != nil { fmt.Fprintln(os.Stderr, err); os.Exit(1) }
	fmt.Println(string(out))
}
