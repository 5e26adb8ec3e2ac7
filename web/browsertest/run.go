package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// StepTimeout bounds each call of [Run].
const StepTimeout = 30 * time.Second

// Run runs the chromedp actions in order on the tab of ctx, within
// [StepTimeout]. If one fails, Run saves a screenshot named after the test
// and fails the test, saying what it was doing.
func Run(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	if err := chromedp.Do(actx, actions...); err != nil {
		Screenshot(t, ctx, "failed-"+t.Name())
		t.Fatalf("%s: %v", what, err)
	}
}

// WaitTrue is an action that waits until the JavaScript expression is truthy.
func WaitTrue(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[any](expr)(ctx, t)
		return chromedp.Void{}, err
	}
}
