package main

import (
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

func stacks() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func main() {
	n, _ := strconv.Atoi(os.Args[2])
	var src string
	switch os.Args[1] {
	case "paren":
		src = strings.Repeat("(", n) + "1" + strings.Repeat(")", n)
	case "not":
		src = strings.Repeat("!", n) + "1"
	case "arr":
		src = strings.Repeat("[", n) + strings.Repeat("]", n)
	case "fn":
		src = strings.Repeat("function f(){", n) + strings.Repeat("}", n)
	case "assign":
		src = strings.Repeat("a=", n) + "1"
	case "plus":
		src = strings.Repeat("1+", n) + "1"
	default:
		src = os.Args[1]
	}
	s0 := stacks()
	start := time.Now()
	p, err := goja.Compile("", src, false)
	fmt.Printf("compile err=%v dur=%v stacks %d->%d MB\n", err != nil, time.Since(start), s0>>20, stacks()>>20)
	if err == nil && len(os.Args) > 3 {
		vm := goja.New()
		time.AfterFunc(3*time.Second, func() { vm.Interrupt("timeout") })
		_, err = vm.RunProgram(p)
		fmt.Printf("run err=%v dur=%v stacks->%d MB\n", err, time.Since(start), stacks()>>20)
	}
}
