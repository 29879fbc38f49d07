package extension

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// callCase is one extension call and its official outcome: a value, or the
// exact message official Cedar 4.13 reports. Every table in this package
// was confirmed against cedar-wasm; TestExportOracleCases writes them out
// as Cedar expressions for that check.
type callCase struct {
	fn   string
	args []types.Value
	want types.Value
	err  string
}

func ok(want types.Value, fn string, args ...types.Value) callCase {
	return callCase{fn: fn, args: args, want: want}
}

func fails(err string, fn string, args ...types.Value) callCase {
	return callCase{fn: fn, args: args, err: err}
}

func str(s string) types.Value { return types.String(s) }

func must[T types.Value](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func dec(s string) types.Value { return must(ParseDecimal(s)) }
func ipa(s string) types.Value { return must(ParseIPAddr(s)) }
func dt(s string) types.Value  { return must(ParseDatetime(s)) }
func dur(s string) types.Value { return must(ParseDuration(s)) }
func dtMs(ms int64) types.Value {
	return types.Datetime{Millis: ms}
}
func durMs(ms int64) types.Value { return types.Duration{Millis: ms} }

func extErr(ext, msg string) string {
	return "error while evaluating `" + ext + "` extension function: " + msg
}

func (c callCase) name() string {
	var parts []string
	for _, a := range c.args {
		parts = append(parts, a.String())
	}
	return c.fn + "(" + strings.Join(parts, ",") + ")"
}

func runCallCases(t *testing.T, cases []callCase) {
	t.Helper()
	for _, c := range cases {
		got, err := Call(c.fn, c.args)
		switch {
		case c.err != "":
			if err == nil {
				t.Errorf("%s = %v, want error %q", c.name(), got, c.err)
			} else if err.Error() != c.err {
				t.Errorf("%s error = %q, want %q", c.name(), err.Error(), c.err)
			}
		case err != nil:
			t.Errorf("%s error = %q, want %v", c.name(), err, c.want)
		case !got.Equal(c.want):
			t.Errorf("%s = %v, want %v", c.name(), got, c.want)
		}
	}
}

// expr renders the call as a Cedar expression official Cedar can evaluate.
func (c callCase) expr() string {
	args := make([]string, len(c.args))
	for i, a := range c.args {
		args[i] = a.String()
	}
	if IsMethod(c.fn) && len(args) > 0 {
		return "(" + args[0] + ")." + c.fn + "(" + strings.Join(args[1:], ", ") + ")"
	}
	return c.fn + "(" + strings.Join(args, ", ") + ")"
}

type oracleCase struct {
	Expr string `json:"expr"`
	// Want is "true", "ERR: <message>", or "ERR*" for any error.
	Want string `json:"want"`
}

func (c callCase) oracle() oracleCase {
	if c.err != "" {
		return oracleCase{Expr: c.expr() + " == 0", Want: "ERR: " + c.err}
	}
	return oracleCase{Expr: c.expr() + " == " + c.want.String(), Want: "true"}
}

// TestExportOracleCases writes every table as Cedar expressions to the file
// named by $EXT_ORACLE_OUT, for /tmp/extcheck/check.js (see the package
// report) to evaluate with cedar-wasm. Without the variable it only checks
// that every case renders.
func TestExportOracleCases(t *testing.T) {
	var all []oracleCase
	for _, table := range [][]callCase{decimalCases, ipCases, datetimeCases, durationCases, datetimeMethodCases, miscCases} {
		for _, c := range table {
			if IsMethod(c.fn) && len(c.args) == 0 {
				continue // a method without receiver cannot be written in Cedar
			}
			all = append(all, c.oracle())
		}
	}
	for _, c := range compareCases {
		all = append(all, c.oracle()...)
	}
	for _, o := range all {
		if o.Expr == "" || o.Want == "" {
			t.Fatalf("empty oracle case %+v", o)
		}
	}
	out := os.Getenv("EXT_ORACLE_OUT")
	if out == "" {
		return
	}
	data, err := json.MarshalIndent(all, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d cases to %s", len(all), out)
}
