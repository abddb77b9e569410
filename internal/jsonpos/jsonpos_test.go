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
