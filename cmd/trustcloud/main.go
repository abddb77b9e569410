// Command trustcloud analyzes Terraform plans against the "cloud de
// confiance" doctrine: where each resource lives, how sensitive it is, and
// what the policy says about it.
package main

import (
	"os"

	"github.com/trustcloud/trustcloud/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
