package schema

import (
	"regexp"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
)

// expectedType finds graphql-go's wording for a value of the wrong type,
// as in `Expected type "Stance", found SUPPORT.` (validation) and
// `Expected type "Stance", found "SUPPORT".` (a variable's value).
var expectedType = regexp.MustCompile(`Expected type "?([_A-Za-z][_0-9A-Za-z]*)!?"?, found [^\n]*?\.`)

// withEnumValues adds the valid values to every error that says an enum
// argument or variable got something else: graphql-go names only the type,
// and a user who wrote SUPPORT for SUPPORTS should not need the schema's
// documentation to find the right word.
func withEnumValues(s *graphql.Schema, errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i, e := range errs {
		m := expectedType.FindStringSubmatchIndex(e.Message)
		if m == nil {
			continue
		}
		enum, ok := s.Type(e.Message[m[2]:m[3]]).(*graphql.Enum)
		if !ok {
			continue
		}
		names := make([]string, 0, len(enum.Values()))
		for _, v := range enum.Values() {
			names = append(names, v.Name)
		}
		errs[i].Message = e.Message[:m[1]] + " Valid values: " + strings.Join(names, ", ") + "." + e.Message[m[1]:]
	}
	return errs
}
