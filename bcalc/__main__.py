from bcalc.entry import main

main()
