package main

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestWorldBucket: data.google_storage_bucket reads a bucket of world.json
// (location upper-cased, labels also as effective_labels), and a bucket
// that is not there is an error, as the real API's 404, never an empty one.
func TestWorldBucket(t *testing.T) {
	t.Chdir(t.TempDir())
	config := map[string]tftypes.Value{"name": stringVal("archive")}
	if _, err := googleBucketRead(&providerConfig{}, config); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("no world.json: err %v, want does not exist", err)
	}
	world := `{"google_storage_bucket": {"archive": {"location": "us-central1", "project": "p", "labels": {"data_sensitivity": "sensitive"}}}}`
	if err := os.WriteFile(worldFile, []byte(world), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err := googleBucketRead(&providerConfig{}, config)
	if err != nil {
		t.Fatal(err)
	}
	if loc, _ := knownString(v["location"]); loc != "US-CENTRAL1" {
		t.Errorf("location %q, want US-CENTRAL1", loc)
	}
	if l, ok := stringMap(v["effective_labels"]); !ok || l["data_sensitivity"] != "sensitive" {
		t.Errorf("effective_labels %v, want the labels", v["effective_labels"])
	}
	config["name"] = stringVal("other")
	if _, err := googleBucketRead(&providerConfig{}, config); err == nil || !strings.Contains(err.Error(), "[archive]") {
		t.Errorf("unknown bucket: err %v, want the known ones listed", err)
	}
}
