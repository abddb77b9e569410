// Command decodefloor reads a plan file and decodes it into tfjson.Plan,
// nothing more: the floor of time and memory for any analysis that decodes
// the whole plan, measured by scripts/bench.sh next to trustcloud itself.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	tfjson "github.com/hashicorp/terraform-json"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: decodefloor PLAN.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "decodefloor: %v\n", err)
		os.Exit(1)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		fmt.Fprintf(os.Stderr, "decodefloor: %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	fmt.Printf("%d resource changes\n", len(p.ResourceChanges))
}
