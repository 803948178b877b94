# Seed 000: activeDeadlineSeconds 100. As written the pods finish well within 100 s here (the seed's
# cluster took minutes per pod), so the Job completes...
kubectl apply -f job-timeout.yaml
sim advance 100s
kubectl get job pi-timeout
kubectl delete job pi-timeout
# ...and with each container held for 150 s (kubesim.dev/run-seconds) the deadline fires.
kubectl apply -f job-timeout-slow-node.yaml
sim advance 99s
kubectl get job -o wide
kubectl get pods -o wide
sim advance 10s
kubectl get pods
kubectl describe job pi-timeout
