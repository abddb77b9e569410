package jsonpos

import "testing"

func TestPosition(t *testing.T) {
	data := []byte("{\n  \"a\": 1,,\n}")
	for _, tc := range []struct {
		off  int64
		want string
	}{{0, "line 1, column 1"}, {2, "line 2, column 1"}, {11, "line 2, column 10"}, {999, "line 3, column 2"}, {-4, "line 1, column 1"}} {
		if got := Position(data, tc.off); got != tc.want {
			t.Errorf("Position(%d) = %q, want %q", tc.off, got, tc.want)
		}
	}
}

func TestMember(t *testing.T) {
	for _, tc := range []struct{ path, key, want string }{
		{"$", "format_version", "$.format_version"},
		{"$.a", "eu-west-3", "$.a.eu-west-3"},
		{"$", "a\nb", `$["a\nb"]`},
		{"$", "0abc", `$["0abc"]`},
		{"$", "", `$[""]`},
		{"$", "clé", `$["clé"]`},
	} {
		if got := Member(tc.path, tc.key); got != tc.want {
			t.Errorf("Member(%q, %q) = %s, want %s", tc.path, tc.key, got, tc.want)
		}
	}
}
